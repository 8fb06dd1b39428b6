//! Password hashes (argon2id), computed off the async workers in working memory that is
//! kept from one hash to the next.
//!
//! An argon2 hash holds 19 MiB while it runs. Allocated afresh for each hash, that memory
//! stayed with the allocator arena of whichever blocking thread ran it: a burst of sign-ins
//! grew the process by hundreds of MB, and a users import every few minutes grew it by
//! more than half in a 20-minute soak. Every hash and check therefore borrows a [`Memory`]
//! from [`Hashing`], which also bounds how many run at once.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Mutex, PoisonError};
use tokio::sync::Semaphore;

/// A valid argon2 hash of a random password, checked against when the user is unknown so
/// that an unknown user costs the same time as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3tmQ3rUeXsdtFzwrFAsCGNS4jxfgTUa4N0bIHEm2Qnc";

/// A working memory for argon2, grown to what a hash's parameters ask and then reused.
#[derive(Default)]
pub struct Memory(Vec<Block>);

impl Memory {
    fn blocks(&mut self, params: &Params) -> &mut [Block] {
        let blocks = params.block_count();
        if self.0.len() < blocks {
            self.0.resize(blocks, Block::default());
        }
        &mut self.0[..blocks]
    }

    /// The PHC string of `password` under a new random salt and the default parameters.
    pub fn hash(&mut self, password: &str) -> Result<String, AppError> {
        let failed = |e: &dyn std::fmt::Display| AppError::Internal(format!("argon2: {e}"));
        let params = Params::default();
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| failed(&e))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let memory = self.blocks(&params);
        let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
            argon
                .hash_password_into_with_memory(password.as_bytes(), salt_raw, out, &mut *memory)
                .map_err(Into::into)
        })
        .map_err(|e| failed(&e))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches the PHC string `hash` (false for a malformed one),
    /// compared in constant time.
    pub fn verify(&mut self, password: &str, hash: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
        ) else {
            return false;
        };
        let Ok(version) = parsed
            .version
            .map_or(Ok(Version::default()), Version::try_from)
        else {
            return false;
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let argon = Argon2::new(algorithm, version, params.clone());
        let memory = self.blocks(&params);
        Output::init_with(expected.len(), |out| {
            argon
                .hash_password_into_with_memory(password.as_bytes(), salt, out, &mut *memory)
                .map_err(Into::into)
        })
        .is_ok_and(|computed| computed == expected)
    }
}

/// Hashes and checks passwords on blocking threads, a few at a time, each in a kept
/// [`Memory`]: a hundred sign-ins at once would otherwise need 1,9 GB and stall every
/// other request; bounded, the rest wait their turn.
pub struct Hashing {
    permits: Semaphore,
    memory: Mutex<Vec<Memory>>,
}

impl Default for Hashing {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hashing {
            permits: Semaphore::new(cores.min(4)),
            memory: Mutex::default(),
        }
    }
}

impl Hashing {
    /// Runs `work` on a blocking thread with a kept memory, once a permit is free: one
    /// password or a whole file's worth, in order.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Memory) -> T + Send + 'static,
    {
        let failed =
            |e: &dyn std::fmt::Display| AppError::Internal(format!("password hashing: {e}"));
        let _permit = self.permits.acquire().await.map_err(|e| failed(&e))?;
        let mut memory = self
            .memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        let (result, memory) = tokio::task::spawn_blocking(move || (work(&mut memory), memory))
            .await
            .map_err(|e| failed(&e))?;
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(memory);
        Ok(result)
    }

    /// Whether `password` matches `hash`; `None` checks against a dummy hash, so that an
    /// unknown user costs the same time as a wrong password.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> Result<bool, AppError> {
        let password = password.to_string();
        self.run(move |memory| {
            let matches = memory.verify(&password, hash.as_deref().unwrap_or(DUMMY_HASH));
            matches && hash.is_some()
        })
        .await
    }

    /// The PHC string of a new password.
    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        let password = password.to_string();
        self.run(move |memory| memory.hash(&password)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hashes_verify_and_differ() {
        let mut memory = Memory::default();
        let a = memory.hash("baocao-demo").unwrap();
        let b = memory.hash("baocao-demo").unwrap();
        assert_ne!(a, b);
        assert!(memory.verify("baocao-demo", &a));
        assert!(!memory.verify("baocao-dem0", &a));
        assert!(!memory.verify("baocao-demo", "not a hash"));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn hashes_in_kept_memory_agree_with_the_library() {
        let mut memory = Memory::default();
        let ours = memory.hash("baocao-demo").unwrap();
        let kept = memory.0.len();
        assert!(kept > 0);
        // The library reads our hashes, and we read the library's.
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"baocao-demo", &parsed)
            .is_ok());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"baocao-demo", &salt)
            .unwrap()
            .to_string();
        assert!(memory.verify("baocao-demo", &theirs));
        assert!(!memory.verify("baocao-dem0", &theirs));
        assert_eq!(memory.0.len(), kept, "the memory is reused, not grown");
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(
            memory.verify("x", DUMMY_HASH),
            Argon2::default().verify_password(b"x", &dummy).is_ok()
        );
    }

    #[tokio::test]
    async fn a_check_returns_its_memory_for_the_next() {
        let hashing = Hashing::default();
        let hash = hashing.hash("baocao-demo").await.unwrap();
        assert!(hashing
            .verify("baocao-demo", Some(hash.clone()))
            .await
            .unwrap());
        assert!(!hashing.verify("baocao-demo", None).await.unwrap());
        assert_eq!(hashing.memory.lock().unwrap().len(), 1);
    }
}
