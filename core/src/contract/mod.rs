//! The contract: requests and answers, the operations, the JSON front end the bindings call, schemas, issuing, the demo data.

pub mod demo;
pub mod wire;
pub mod issue;
pub mod json;
pub mod operations;
pub mod request;
pub mod schema;
