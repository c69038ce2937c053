//! Everything that talks to the browser and is not a component: components and hooks call these, never the
//! storage, URL, file or worker APIs themselves. Each failure comes back as an [`crate::error::AppError`].

pub mod download;
pub mod export_worker;
pub mod files;
pub mod page;
pub mod storage;
