// Package channel connects resonanz to the platforms customers write on: the
// registry of adapters (one package each under channel/), the sealing of
// account secrets, the one outbound HTTP client that refuses internal
// targets, and the poller that fetches new messages of every account.
package channel
