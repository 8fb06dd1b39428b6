//! A part of an answer read only where it is used. The device keeps every answer it may
//! need offline and decodes it in its first chunk of code; a part only one page shows (a
//! self-assessment's criteria set) stays JSON text there, so that the code that reads it
//! goes into the chunk of the page that does (the report editor), not into the first load.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;
use std::marker::PhantomData;

/// A `T` kept as its JSON text until [`Deferred::decode`].
pub struct Deferred<T> {
    json: Box<RawValue>,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize> Deferred<T> {
    pub fn new(value: &T) -> Result<Deferred<T>, serde_json::Error> {
        Ok(Deferred {
            json: serde_json::value::to_raw_value(value)?,
            of: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Deferred<T> {
    pub fn decode(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.json.get())
    }
}

impl<T> Clone for Deferred<T> {
    fn clone(&self) -> Self {
        Deferred {
            json: self.json.clone(),
            of: PhantomData,
        }
    }
}

impl<T> PartialEq for Deferred<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl<T> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json.get())
    }
}

impl<T> Serialize for Deferred<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Deferred<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Deferred {
            json: Box::<RawValue>::deserialize(deserializer)?,
            of: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Part {
        n: u32,
    }

    #[test]
    fn a_deferred_part_travels_as_its_json_and_decodes_where_used() {
        let part = Deferred::new(&Part { n: 7 }).expect("JSON");
        let whole = serde_json::to_string(&vec![part.clone()]).expect("JSON");
        assert_eq!(whole, r#"[{"n":7}]"#);
        let back: Vec<Deferred<Part>> = serde_json::from_str(&whole).expect("JSON");
        assert_eq!(back, vec![part]);
        assert_eq!(back[0].decode().expect("a part"), Part { n: 7 });
    }
}
