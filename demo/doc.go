// Package demo fills an inbox with believable customer messages so the product
// can be shown, tried and measured without real customer data.
//
// Everything is derived from a seed: the same seed always yields the same
// people, texts and times, so screenshots, tests and benchmarks are repeatable.
//
// Load seeds an empty database through the store with Generate's messages and
// with the demo's users, teams, routing, help center, channel accounts, canned
// replies and surveys, and works its conversations as agents would have.
package demo
