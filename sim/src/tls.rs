//! HTTPS for the simulator (`--tls-cert`/`--tls-key`): the PEM certificate chain and key, and
//! the handshake of each accepted connection.

use anyhow::{bail, Context};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, crypto::ring};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// A client that opens a connection and says nothing gives up its slot after this long.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads the certificate chain and the private key (PEM) into a TLS acceptor; every error
/// names the file.
pub fn acceptor(cert: &Path, key: &Path) -> anyhow::Result<TlsAcceptor> {
    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(|iter| iter.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("reading the TLS certificate {}", cert.display()))?;
    if certs.is_empty() {
        bail!(
            "no PEM CERTIFICATE block in {} (--tls-cert)",
            cert.display()
        );
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("reading the TLS private key {}", key.display()))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .context("setting up TLS")?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .context("the TLS key does not fit the certificate")?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// The TLS handshake of one accepted connection; `None` when it fails or the client says
/// nothing for too long (an untrusting client, plain HTTP, a port scan): only that
/// connection ends.
pub async fn handshake(acceptor: &TlsAcceptor, tcp: TcpStream) -> Option<TlsStream<TcpStream>> {
    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
        Ok(Ok(stream)) => Some(stream),
        _ => None,
    }
}
