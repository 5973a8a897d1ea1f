//! Documented number and count limits (`spec/resources/limitValues.yaml`):
//! a value out of its limits fails before anything is sent, naming the
//! field and the limit; values within them go out as given.

mod common;

use std::collections::BTreeMap;

use common::{Expect, client, received, server_answering_empty};
use kinds_client::Error;
use kinds_client::types::{LimitValuesPost, Mode};
use serde_json::json;

const APPLICATION_ID: &str = "575ec8687ae143cd83dc4a97";

fn path() -> String {
    format!("/applications/{APPLICATION_ID}/limit-values")
}

#[tokio::test]
async fn values_within_their_limits_are_sent() {
    let server = server_answering_empty(204).await;
    let body = LimitValuesPost::new(10).scale(2.5).segments(["a"]).headers([("x", "1"), ("y", "2")]).mode(Mode::Slow);
    client(&server).limit_values().post(APPLICATION_ID, body).limit(1).threshold(-1.5).since(7).send().await.unwrap();
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    Expect::new("POST", path())
        .query(&[("limit", "1"), ("threshold", "-1.5"), ("since", "7")])
        .json(json!({"weight": 10, "scale": 2.5, "segments": ["a"], "headers": {"x": "1", "y": "2"}, "mode": "slow"}))
        .check(&seen[0]);
}

#[tokio::test]
async fn values_out_of_their_limits_fail_before_sending() {
    let server = server_answering_empty(204).await;
    let cases: Vec<(LimitValuesPost, Option<i64>, Option<f64>, &str)> = vec![
        (LimitValuesPost::new(0), Some(0), None, "`limit` must be at least 1, not 0"),
        (LimitValuesPost::new(0), Some(1001), None, "`limit` must be at most 1000, not 1001"),
        (LimitValuesPost::new(0), None, Some(-2.0), "`threshold` must be at least -1.5, not -2"),
        (LimitValuesPost::new(11), None, None, "`weight` must be at most 10, not 11"),
        (LimitValuesPost::new(-1), None, None, "`weight` must be at least 0, not -1"),
        (LimitValuesPost::new(0).scale(2.75), None, None, "`scale` must be at most 2.5, not 2.75"),
        (
            LimitValuesPost::new(0).segments(Vec::<String>::new()),
            None,
            None,
            "`segments` must have at least 1 item, not 0",
        ),
        (
            LimitValuesPost::new(0).headers(BTreeMap::<String, String>::new()),
            None,
            None,
            "`headers` must have at least 1 key, not 0",
        ),
        (
            LimitValuesPost::new(0).headers([("a", "1"), ("b", "2"), ("c", "3")]),
            None,
            None,
            "`headers` may have at most 2 keys, not 3",
        ),
    ];
    for (body, limit, threshold, reason) in cases {
        let mut request = client(&server).limit_values().post(APPLICATION_ID, body);
        if let Some(limit) = limit {
            request = request.limit(limit);
        }
        if let Some(threshold) = threshold {
            request = request.threshold(threshold);
        }
        let error = request.send().await.unwrap_err();
        assert!(matches!(error, Error::InvalidParameter { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(reason), "{message} should say {reason}");
        assert!(message.contains("nothing was sent"), "{message}");
    }
    assert!(received(&server).await.is_empty());
}
