//! Arbitrary strings as `--from`/`--to` bounds and as `--country`,
//! `--minister` and `--person` values.
#![no_main]

use communique::extract::countries::gazetteer;
use communique::extract::people::{name_key, name_search_words};
use communique::search::parse_date_bound;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|given: &str| {
    if let Ok((start, end)) = parse_date_bound(given) {
        assert!(start < end, "{given:?} gives an empty period");
    }
    let gazetteer = gazetteer();
    if gazetteer.lookup(given).is_none() && given.len() <= 256 {
        let _ = gazetteer.closest(given);
    }
    let _ = name_search_words(given);
    let _ = name_key(given);
});
