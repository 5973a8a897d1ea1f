//! The README's quick start: list an application's devices (every page),
//! send a device state and read it back, and query the last hour of data.
//!
//! ```sh
//! LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=... LOSANT_DEVICE_ID=... \
//!     cargo run -p losant-rest --example quick_start
//! ```
//!
//! The token needs `all.Application` (or `devices.get`, `device.sendState`,
//! `device.getState` and `data.timeSeriesQuery`).

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
        println!("{} {}", found.id.unwrap_or_default(), found.name.unwrap_or_default());
    }

    // Send a state (attribute values by name), then read the latest back.
    let state = DeviceState::new([("temperature", 21.5)]);
    client.device().send_state(&application, &device, state).send().await?;
    let states = client.device().get_state(&application, &device).limit(1).send().await?;
    println!("latest state: {:?}", states.first().map(|s| &s.data));

    // The last hour of `temperature`, one point per five minutes.
    let query = TimeSeriesQuery::new()
        .device_ids([device.as_str()])
        .attributes(["temperature"])
        .duration(3_600_000)
        .resolution(300_000);
    let data = client.data().time_series_query(&application, query).send().await?;
    for (id, series) in &data.devices {
        println!("{id}: {} points", series.points.len());
    }
    Ok(())
}
