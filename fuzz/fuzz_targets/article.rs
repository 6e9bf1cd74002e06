//! Arbitrary bytes through everything the indexer does to a file's content:
//! decode, split into an article, extract countries, ministers and people,
//! and resolve the dateline both ways.
#![no_main]

use communique::extract::dates::DayMonthOrder;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = communique::decode::decode(bytes) else {
        return;
    };
    let article = communique::article::parse_article(&decoded.text);
    let found = communique::extract::mentions(&article);
    if let Some(dateline) = article.dateline {
        for order in [DayMonthOrder::DayFirst, DayMonthOrder::MonthFirst] {
            let date = dateline.resolve(order);
            let _ = date.start();
            let _ = communique::extract::dates::PublicationDate::parse_iso(&date.to_string());
        }
    }
    let mut registry = communique::extract::names::NameRegistry::default();
    let mut people = communique::extract::people::People {
        ministers: found.ministers,
        people: found.people,
    };
    registry.learn(&people);
    registry.resolve(&mut people);
});
