//! What every request handler shares.

use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::catalog::Catalog;
use crate::credentials::Credentials;
use crate::fault_injection::FaultState;
use crate::request_log::RequestLog;
use crate::stats::Counters;
use crate::tokens::TokenStore;

/// The sandbox's state. Locks are held only briefly and never across an `.await`.
#[derive(Debug)]
pub(crate) struct SharedState {
    pub(crate) tenant: String,
    pub(crate) credentials: Credentials,
    pub(crate) tokens: TokenStore,
    pub(crate) counters: Counters,
    pub(crate) log: RequestLog,
    catalog: RwLock<Catalog>,
    faults: Mutex<FaultState>,
}

impl SharedState {
    pub(crate) fn new(
        tenant: String,
        credentials: Credentials,
        tokens: TokenStore,
        catalog: Catalog,
        faults: FaultState,
    ) -> Self {
        Self {
            tenant,
            credentials,
            tokens,
            counters: Counters::default(),
            log: RequestLog::default(),
            catalog: RwLock::new(catalog),
            faults: Mutex::new(faults),
        }
    }

    /// Reads the catalog. A panic in another handler does not make the catalog unusable: every
    /// change is a single assignment, so the data stays consistent.
    pub(crate) fn catalog(&self) -> RwLockReadGuard<'_, Catalog> {
        self.catalog.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the catalog.
    pub(crate) fn catalog_mut(&self) -> RwLockWriteGuard<'_, Catalog> {
        self.catalog.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The fault state.
    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultState> {
        self.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
