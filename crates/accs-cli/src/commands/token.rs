//! `accs token`.

use std::io::Write;
use std::process::ExitCode;
use std::time::SystemTime;

use secrecy::ExposeSecret;
use serde_json::json;

use crate::commands::print_json;
use crate::failure::{Failure, io_failure};
use crate::setup::Target;

/// Mints a token; prints its type and expiry, or with `show_token` the token alone.
pub(crate) async fn run(target: &Target, show_token: bool) -> Result<ExitCode, Failure> {
    let token = target.tokens.token().await?;
    if show_token {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", token.secret().expose_secret())
            .map_err(|err| io_failure("stdout", err))?;
        return Ok(ExitCode::SUCCESS);
    }
    // A fixed token has no known expiry: its remaining time reads as decades.
    let remaining = token.remaining();
    let (expires_in, expires_at) = if remaining.as_secs() > 10 * 365 * 24 * 3600 {
        (serde_json::Value::Null, serde_json::Value::Null)
    } else {
        let at = SystemTime::now() + remaining;
        (json!(remaining.as_secs()), json!(humantime::format_rfc3339_seconds(at).to_string()))
    };
    print_json(&json!({
        "token_type": token.token_type(),
        "expires_in": expires_in,
        "expires_at": expires_at,
    }))?;
    Ok(ExitCode::SUCCESS)
}
