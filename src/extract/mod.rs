//! Pure functions from an article's text to the values the index stores:
//! publication date ([`dates`]), countries ([`countries`]), ministers and
//! other people ([`people`]). Nothing here touches the disk or the index, so
//! every rule can be unit-tested on a string.

pub mod countries;
pub mod dates;
pub mod names;
pub mod people;

use serde::Serialize;

use crate::article::Article;
use countries::{gazetteer, Country};
use people::Person;

/// What extraction finds in an article besides its date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mentions {
    pub countries: Vec<Country>,
    pub ministers: Vec<Person>,
    pub people: Vec<Person>,
}

/// Countries, ministers and people named in the title and body.
pub fn mentions(article: &Article) -> Mentions {
    let gazetteer = gazetteer();
    // Sized at once: `format!` grew it from a few bytes, a dozen
    // reallocations an article.
    let mut text = String::with_capacity(article.title.len() + 2 + article.body.len());
    text.push_str(&article.title);
    text.push_str("\n\n");
    text.push_str(&article.body);
    let country_matches = gazetteer.find(&text);
    let mut countries = gazetteer.countries_of(&country_matches);
    let found = people::people_with_countries(&text, gazetteer, &country_matches);
    // A minister's country counts even when only the post names it.
    for person in found.ministers.iter().chain(&found.people) {
        if let Some(country) = &person.country {
            if !countries.contains(country) {
                countries.push(country.clone());
            }
        }
    }
    Mentions {
        countries,
        ministers: found.ministers,
        people: found.people,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse_article, tests::SEED};

    #[test]
    fn seed_mentions() {
        let found = mentions(&parse_article(SEED));
        let countries: Vec<&str> = found.countries.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(countries, ["South Ossetia", "Russia"]);
        let ministers: Vec<&str> = found.ministers.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(ministers, ["Akhsar Dzhioev", "Sergei Lavrov"]);
        assert!(found.ministers.iter().all(|p| p.name != "Alexander Zhurov"));
    }
}
