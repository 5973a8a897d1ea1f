//! The README's quick start: list an application's devices (every page),
//! send a device state and read it back with the response's status and
//! headers, and query the last hour of data, handling a 429 by hand.
//!
//! ```sh
//! LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=... LOSANT_DEVICE_ID=... \
//!     cargo run -p losant-rest --example quick_start
//! ```
//!
//! The token needs `all.Application` (or `devices.get`, `device.sendState`,
//! `device.getState` and `data.timeSeriesQuery`). The code from the first
//! `use` on is the README's, and a test keeps the two the same.

use std::time::Duration;

use losant_rest::runtime::StreamExt;
use losant_rest::types::{DeviceState, TimeSeriesQuery};

#[tokio::main]
async fn main() -> Result<(), losant_rest::Error> {
    let env = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("set {name}"));
    let client = losant_rest::Client::builder().token(env("LOSANT_API_TOKEN")).build()?;
    let (application, device) = (env("LOSANT_APPLICATION_ID"), env("LOSANT_DEVICE_ID"));

    // Every device, page after page (`perPage` at a time), as one stream.
    let mut devices = client.devices().get(&application).per_page(100).items();
    while let Some(found) = devices.next().await {
        let found = found?;
        println!("{} {}", found.id.as_deref().unwrap_or("?"), found.name.as_deref().unwrap_or(""));
    }

    // A request builder is a future: `.await` sends it, as `.send().await` does.
    let state = DeviceState::new([("temperature", 21.5)]);
    client.device().send_state(&application, &device, state).await?;

    // The decoded value together with the response's status and headers.
    let states = client.device().get_state(&application, &device).limit(1).send_with_response().await?;
    println!("HTTP {}, sent at {:?}", states.status(), states.header("date"));
    println!("latest state: {:?}", states.first().map(|s| &s.data));

    // The last hour of `temperature`, one point per five minutes. A 429 is
    // handled by hand here (no retry policy): wait as long as the server asks.
    let query = TimeSeriesQuery::new()
        .device_ids([device.as_str()])
        .attributes(["temperature"])
        .duration(3_600_000)
        .resolution(300_000);
    let mut attempts = 0;
    let data = loop {
        match client.data().time_series_query(&application, query.clone()).await {
            Ok(data) => break data,
            Err(e) if e.is_rate_limited() && attempts < 3 => {
                attempts += 1;
                tokio::time::sleep(e.retry_after().unwrap_or(Duration::from_secs(1))).await;
            }
            Err(e) => return Err(e),
        }
    };
    for (id, series) in &data.devices {
        println!("{id}: {} points", series.points.len());
    }
    Ok(())
}
