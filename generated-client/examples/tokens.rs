//! Lists an application's API tokens (every page), creates one and deletes
//! it again.
//!
//! ```sh
//! LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=... cargo run -p losant-rest --example tokens
//! ```
//!
//! The token needs `all.Application` (or `applicationApiTokens.*` and
//! `applicationApiToken.*`). Set `LOSANT_URL` to talk to another server.

use std::time::Duration;

use losant_rest::runtime::{RetryPolicy, StreamExt};
use losant_rest::types::{ActivationStatus, ApiTokenPost, RequestedScopes};
use losant_rest::types::{ApiTokensSortField, SortDirection};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("LOSANT_API_TOKEN").map_err(|_| "set LOSANT_API_TOKEN to an API token")?;
    let application = std::env::var("LOSANT_APPLICATION_ID").map_err(|_| "set LOSANT_APPLICATION_ID")?;
    let mut builder = losant_rest::Client::builder()
        .token(token)
        .timeout(Duration::from_secs(20))
        .retry(RetryPolicy::new(3))
        .scopes(["all.Application"]);
    if let Ok(url) = std::env::var("LOSANT_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    // Every token, page after page, newest first.
    let mut tokens = client
        .application_api_tokens()
        .get(&application)
        .sort_field(ApiTokensSortField::CreationDate)
        .sort_direction(SortDirection::Desc)
        .per_page(50)
        .items();
    while let Some(token) = tokens.next().await {
        let token = token?;
        let status = token.status.as_ref().map(ActivationStatus::as_str).unwrap_or("?");
        println!("{:24}  {:8}  {}", token.id.unwrap_or_default(), status, token.name.unwrap_or_default());
    }

    let created = client
        .application_api_tokens()
        .post(&application, ApiTokenPost::new("example token").scope([RequestedScopes::AllApplicationRead]))
        .send()
        .await?;
    // Delete exactly the token just created: an answer without an id is an
    // error here, never an empty id sent to a delete.
    let id = created.id.ok_or("the created token has no id")?;
    println!("created {id}");

    client.application_api_token().delete(&application, &id).send().await?;
    println!("deleted {id}");
    Ok(())
}
