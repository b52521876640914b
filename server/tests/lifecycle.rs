//! The server's life through the library API: NOT_SERVING (and UNAVAILABLE) until the loader
//! has built the engines, SERVING after, dynamic batching under concurrent load, a clean stop;
//! a failing loader stops the server with its error.

use palisade_engine::{Engine, Observer, Policy};
use palisade_server::proto::{self, inspect_request::Item, palisade_client::PalisadeClient};
use palisade_server::{serve, Config, Engines, Error, Loader, SchedulerConfig, Shutdown};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tonic::transport::Channel;
use tonic_health::pb::{health_check_response::ServingStatus, health_client::HealthClient, HealthCheckRequest};

fn default_engines(observer: Arc<dyn Observer>) -> Result<Engines, String> {
    let policy = Policy::default_policy().map_err(|e| e.to_string())?;
    let engine = Engine::builder().policy(policy).observer(observer).build().map_err(|e| e.to_string())?;
    Ok(Engines::single("default", engine))
}

async fn connect(addr: std::net::SocketAddr) -> Channel {
    let t0 = Instant::now();
    loop {
        match Channel::from_shared(format!("http://{addr}")).unwrap_or_else(|_| unreachable!()).connect().await {
            Ok(c) => return c,
            Err(e) => assert!(t0.elapsed() < Duration::from_secs(10), "connect: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn status(h: &mut HealthClient<Channel>, service: &str) -> i32 {
    h.check(HealthCheckRequest { service: service.to_owned() }).await.map(|r| r.into_inner().status).unwrap_or(-1)
}

fn text(t: &str) -> proto::InspectRequest {
    proto::InspectRequest { item: Some(Item::Text(proto::Text { text: t.to_owned(), surface: proto::Surface::ToolOutput as i32 })), ..Default::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_serving_until_loaded_then_batches_under_load_then_stops() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let loader: Loader = Box::new(move |observer| {
        wait.recv().map_err(|e| e.to_string())?;
        default_engines(observer)
    });
    let config = Config { scheduler: SchedulerConfig { threads: 1, ..SchedulerConfig::default() }, ..Config::default() };
    let metrics = config.registry.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, config, loader, Shutdown::new(async {
        let _ = stopped.await;
    })));

    let ch = connect(addr).await;
    let mut health = HealthClient::new(ch.clone());
    let mut client = PalisadeClient::new(ch);
    assert_eq!(status(&mut health, "").await, ServingStatus::NotServing as i32);
    assert_eq!(status(&mut health, "palisade.v1.Palisade").await, ServingStatus::NotServing as i32);
    let e = client.inspect(text("hello")).await.err();
    assert_eq!(e.as_ref().map(|e| e.code()), Some(tonic::Code::Unavailable), "{e:?}");
    assert!(e.is_some_and(|e| e.message().contains("warming up")));

    let _ = go.send(());
    let t0 = Instant::now();
    while status(&mut health, "palisade.v1.Palisade").await != ServingStatus::Serving as i32 {
        assert!(t0.elapsed() < Duration::from_secs(30), "never SERVING");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(status(&mut health, "").await, ServingStatus::Serving as i32);

    // Many new outputs at once on one inference thread: they queue, and the thread takes them
    // in batches (more requests than batches).
    let mut set = tokio::task::JoinSet::new();
    for i in 0..64 {
        let mut c = client.clone();
        set.spawn(async move { c.inspect(text(&format!("Build {i} finished: 1,204 tests passed, 3 skipped, coverage 81.{i}%."))).await.map(|r| r.into_inner().action()) });
    }
    while let Some(r) = set.join_next().await {
        assert_eq!(r.ok().and_then(Result::ok), Some(proto::Action::Allow));
    }
    let m = metrics.encode();
    let value = |name: &str| m.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse::<f64>().ok())).unwrap_or(0.0);
    let (jobs, batches) = (value("palisade_batch_jobs_sum"), value("palisade_batch_jobs_count"));
    assert!(jobs >= 64.0 && batches < jobs, "{jobs} requests in {batches} batches:\n{m}");

    let _ = stop.send(());
    let r = tokio::time::timeout(Duration::from_secs(30), server).await;
    assert!(matches!(r, Ok(Ok(Ok(())))), "{r:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_loader_stops_the_server_with_its_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let loader: Loader = Box::new(|_| Err("model files not found in /nowhere".to_owned()));
    let r = tokio::time::timeout(Duration::from_secs(30), serve(listener, Config::default(), loader, Shutdown::new(std::future::pending()))).await;
    match r {
        Ok(Err(Error::Load(m))) => assert!(m.contains("/nowhere"), "{m}"),
        other => panic!("expected a load error, got {other:?}"),
    }
}
