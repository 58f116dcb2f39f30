//! Accepting connections and serving HTTP/1 on each, plain or TLS, with the gateway's idle
//! timeout (`--idle-timeout`): a keep-alive connection that has had no request in progress
//! and no byte in either direction for that long is closed (`--idle-close fin`) or silently
//! forgotten (`reset`). Counts what `/_sim/stats` shows under `connections`.

use super::tls;
use axum::body::{Body, Bytes};
use axum::http::{Request, Response};
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::Service as HyperService;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// How long a silently dropped connection is kept for the client's next bytes.
const FORGOTTEN_FOR_AT_MOST: Duration = Duration::from_secs(600);

/// Connections accepted and connections closed for being idle; cumulative, never reset.
#[derive(Debug, Default)]
pub struct Counters {
    opened: AtomicU64,
    idle_closed: AtomicU64,
}

impl Counters {
    /// `connections` in `/_sim/stats`.
    pub fn stats(&self) -> serde_json::Value {
        serde_json::json!({
            "opened": self.opened.load(Ordering::Relaxed),
            "idle_closed": self.idle_closed.load(Ordering::Relaxed),
        })
    }
}

/// How an idle connection ends (`--idle-close`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IdleClose {
    /// Closed at once (TLS close_notify, then FIN): the client's pool sees it go
    #[default]
    Fin,
    /// Forgotten without a word, as load balancers and NATs drop idle flows: the client
    /// learns it only by sending, and its request is answered with a TCP reset (what a
    /// client also meets when a close crosses its request on the wire)
    Reset,
}

/// What every connection is served with.
pub struct Serving {
    pub app: Router,
    pub tls: Option<TlsAcceptor>,
    pub idle_timeout: Option<Duration>,
    pub idle_close: IdleClose,
    pub counters: Arc<Counters>,
}

/// Accepts connections for ever, each served in its own task (a slow TLS handshake or a
/// trickling answer holds nobody else up).
pub async fn accept_loop(listener: TcpListener, serving: Arc<Serving>) {
    loop {
        let tcp = match listener.accept().await {
            Ok((tcp, _peer)) => tcp,
            Err(_) => {
                // Out of file descriptors and the like: wait instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        serving.counters.opened.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(connection(tcp, serving.clone()));
    }
}

async fn connection(tcp: TcpStream, serving: Arc<Serving>) {
    match &serving.tls {
        None => serve_http(tcp, &serving).await,
        Some(acceptor) => {
            if let Some(stream) = tls::handshake(acceptor, tcp).await {
                serve_http(stream, &serving).await;
            }
        }
    }
}

/// A connection's stream, plain or TLS, and the TCP socket under it.
trait Socket: AsyncRead + AsyncWrite + Unpin + Send + 'static {
    fn into_tcp(self) -> TcpStream;
}

impl Socket for TcpStream {
    fn into_tcp(self) -> TcpStream {
        self
    }
}

impl Socket for TlsStream<TcpStream> {
    fn into_tcp(self) -> TcpStream {
        self.into_inner().0
    }
}

type Http1<IO> = http1::Connection<TokioIo<Watched<IO>>, Tracked>;

/// HTTP/1 on one connection until either side ends it, or until it has been idle for the
/// idle timeout.
async fn serve_http<IO: Socket>(io: IO, serving: &Serving) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        io,
        activity: activity.clone(),
    });
    let service = Tracked {
        inner: TowerToHyperService::new(serving.app.clone()),
        activity: activity.clone(),
    };
    let mut conn = http1::Builder::new().serve_connection(io, service);
    let Some(idle) = serving.idle_timeout else {
        let _ = conn.await;
        return;
    };
    loop {
        tokio::select! {
            _ = &mut conn => return,
            () = tokio::time::sleep_until(activity.next_look(idle).into()) => {
                if activity.idle_for(idle) {
                    break;
                }
            }
        }
    }
    serving.counters.idle_closed.fetch_add(1, Ordering::Relaxed);
    match serving.idle_close {
        IdleClose::Fin => close(conn, &activity).await,
        IdleClose::Reset => reset_on_next_bytes(conn).await,
    }
}

/// Closes an idle connection. One that never carried a request has nothing to finish:
/// dropping it closes the socket. After one, hyper's graceful shutdown closes a connection
/// between requests at once, and one still writing its last answer once that answer is out.
async fn close<IO: Socket>(mut conn: Http1<IO>, activity: &Activity) {
    if !activity.served.load(Ordering::Relaxed) {
        return;
    }
    Pin::new(&mut conn).graceful_shutdown();
    let _ = conn.await;
}

/// Keeps the socket open but reads nothing more; once the client sends again (or closes),
/// drops it with those bytes unread, which makes the kernel answer with a reset, not a FIN.
/// A client that neither sends nor closes is let go after a while, so sockets cannot pile up.
async fn reset_on_next_bytes<IO: Socket>(conn: Http1<IO>) {
    let tcp = conn.into_parts().io.into_inner().io.into_tcp();
    let _ = tokio::time::timeout(FORGOTTEN_FOR_AT_MOST, tcp.readable()).await;
    drop(tcp);
}

/// When a connection last moved a byte, and whether a request is in progress on it.
struct Activity {
    born: Instant,
    /// Microseconds from `born` to the last byte read or written, or the last request's end.
    last_us: AtomicU64,
    in_flight: AtomicUsize,
    served: AtomicBool,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            born: Instant::now(),
            last_us: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
            served: AtomicBool::new(false),
        }
    }

    fn touch(&self) {
        let us = u64::try_from(self.born.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.last_us.fetch_max(us, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        let since = Duration::from_micros(self.last_us.load(Ordering::Relaxed));
        self.born.checked_add(since).unwrap_or_else(Instant::now)
    }

    /// When the connection could next have been idle for `idle`: while a request is in
    /// progress, a look later (its end moves `last` on; looking sooner would spin).
    fn next_look(&self, idle: Duration) -> Instant {
        let from = match self.in_flight.load(Ordering::Relaxed) {
            0 => self.last(),
            _ => Instant::now(),
        };
        from.checked_add(idle).unwrap_or(from)
    }

    fn idle_for(&self, idle: Duration) -> bool {
        self.in_flight.load(Ordering::Relaxed) == 0 && self.last().elapsed() >= idle
    }
}

/// A request in progress, from its head until its answer's body is done (or dropped).
struct Busy(Arc<Activity>);

impl Busy {
    fn new(activity: Arc<Activity>) -> Busy {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        activity.served.store(true, Ordering::Relaxed);
        activity.touch();
        Busy(activity)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The application as hyper calls it, marking each request busy until its answer is out.
struct Tracked {
    inner: TowerToHyperService<Router>,
    activity: Arc<Activity>,
}

type Answer = Pin<Box<dyn Future<Output = Result<Response<Guarded>, Infallible>> + Send>>;

impl HyperService<Request<Incoming>> for Tracked {
    type Response = Response<Guarded>;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, req: Request<Incoming>) -> Answer {
        let busy = Busy::new(self.activity.clone());
        let answer = self.inner.call(req);
        Box::pin(async move {
            let resp = answer.await?;
            Ok(resp.map(|body| Guarded { body, _busy: busy }))
        })
    }
}

/// An answer's body that keeps its request busy until hyper is done with it.
struct Guarded {
    body: Body,
    _busy: Busy,
}

impl hyper::body::Body for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A connection's stream that notes each byte moved, so that idleness is measured from the
/// last one.
struct Watched<IO> {
    io: IO,
    activity: Arc<Activity>,
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        polled
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write(cx, data);
        this.note_written(&polled);
        polled
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, data);
        this.note_written(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

impl<IO> Watched<IO> {
    fn note_written(&self, polled: &Poll<std::io::Result<usize>>) {
        if matches!(polled, Poll::Ready(Ok(n)) if *n > 0) {
            self.activity.touch();
        }
    }
}
