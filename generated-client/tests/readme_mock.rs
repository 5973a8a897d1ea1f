//! The README's example of testing code that uses the client without a
//! server (the `mocks` feature): the code between the markers is exactly
//! what the README shows, so the README's example compiles and passes.

// README BEGIN
use losant_rest::mock::{self, Mocks};
use losant_rest::runtime::TryStreamExt;
use losant_rest::types::{Device, Devices};
use losant_rest::{Client, Error};

/// The code under test: the names of every device of an application.
async fn device_names(client: &Client, app: &str) -> Result<Vec<String>, Error> {
    let devices: Vec<Device> = client.devices().get(app).items().try_collect().await?;
    Ok(devices.into_iter().filter_map(|device| device.name).collect())
}

#[tokio::test]
async fn device_names_lists_every_page() {
    // `then_output` takes a `Devices`, the page type `devices.get` returns.
    let list = mock::devices::get()
        .match_requests(|req| req.path_param("applicationId").as_deref() == Some("app1"))
        .then_output(
            Devices::new().items([Device::new().name("Thermometer"), Device::new().name("Fan")]).total_count(2),
        );
    let client = mock::client(&Mocks::new().with(&list));

    assert_eq!(device_names(&client, "app1").await.unwrap(), ["Thermometer", "Fan"]);
    assert_eq!(list.calls(), 1);
    assert_eq!(list.requests()[0].query_param("page"), Some("0"));

    // A request no rule answers fails, naming the action; nothing is sent.
    let error = device_names(&client, "app2").await.unwrap_err();
    assert!(matches!(error, Error::NoMockRule { action: "devices.get", .. }), "{error}");
}
// README END
