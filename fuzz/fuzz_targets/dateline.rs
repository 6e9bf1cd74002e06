//! Arbitrary strings as a dateline; any date found must resolve and print.
#![no_main]

use communique::extract::dates::{parse_dateline, DayMonthOrder, PublicationDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Some(dateline) = parse_dateline(line) {
        for order in [DayMonthOrder::DayFirst, DayMonthOrder::MonthFirst] {
            let date = dateline.resolve(order);
            let _ = date.start();
            let _ = date.year();
            let _ = PublicationDate::parse_iso(&date.to_string());
        }
    }
    let _ = PublicationDate::parse_iso(line);
});
