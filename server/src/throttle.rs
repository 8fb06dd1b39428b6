//! Login throttling: failed logins are counted per account and per client address over a
//! window; past a limit, further attempts are refused before the password is checked, so
//! that a password cannot be guessed and a burst cannot keep the hashing busy.
//!
//! Counts live in the process: with several server processes each counts its own share,
//! which bounds guessing all the same (by the number of processes).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a failure counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures of one account within the window before it is refused.
pub const PER_ACCOUNT: usize = 5;
/// Failures from one address within the window, whatever the accounts.
pub const PER_ADDRESS: usize = 20;
/// Beyond this many counted keys, those with nothing left in the window are dropped.
const PRUNE_AT: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// `Err(wait)` when the account or the address has failed too often: the time until
    /// its oldest counted failure leaves the window.
    pub fn check(&self, account: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut failures = self.lock();
        let keys = [
            (Key::Account(account.to_lowercase()), PER_ACCOUNT),
            (Key::Address(address), PER_ADDRESS),
        ];
        let wait = keys
            .into_iter()
            .filter_map(|(key, limit)| {
                let times = failures.get_mut(&key)?;
                forget_old(times, now);
                (times.len() >= limit).then(|| times.front().map(|t| *t + WINDOW - now))?
            })
            .max();
        wait.map_or(Ok(()), Err)
    }

    pub fn failed(&self, account: &str, address: IpAddr, now: Instant) {
        let mut failures = self.lock();
        if failures.len() > PRUNE_AT {
            failures.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        for key in [Key::Account(account.to_lowercase()), Key::Address(address)] {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A success clears the account's count (not the address's: one right password must
    /// not buy another twenty guesses at other accounts).
    pub fn succeeded(&self, account: &str) {
        self.lock().remove(&Key::Account(account.to_lowercase()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn an_account_is_refused_after_five_failures_until_the_first_leaves_the_window() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..PER_ACCOUNT {
            assert!(throttle.check("Phuong1", address(1), start).is_ok());
            throttle.failed(
                "phuong1",
                address(i as u8),
                start + Duration::from_secs(i as u64),
            );
        }
        let wait = throttle
            .check("phuong1", address(9), start + Duration::from_secs(60))
            .expect_err("a sixth attempt, from anywhere");
        assert_eq!(wait, WINDOW - Duration::from_secs(60));
        assert!(throttle.check("other", address(9), start).is_ok());
        assert!(throttle
            .check("phuong1", address(9), start + WINDOW)
            .is_ok());
    }

    #[test]
    fn a_success_resets_the_account_not_the_address() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT - 1 {
            throttle.failed("a", address(1), now);
        }
        throttle.succeeded("a");
        for _ in 0..PER_ACCOUNT - 1 {
            throttle.failed("a", address(1), now);
        }
        assert!(throttle.check("a", address(1), now).is_ok());
        for i in 0..PER_ADDRESS - 2 * (PER_ACCOUNT - 1) {
            throttle.failed(&format!("u{i}"), address(1), now);
        }
        assert!(
            throttle.check("fresh", address(1), now).is_err(),
            "twenty from one address"
        );
        assert!(throttle.check("fresh", address(2), now).is_ok());
    }
}
