// Package demo fills an inbox with believable customer messages so the product
// can be shown, tried and measured without real customer data.
//
// Everything is derived from a seed: the same seed always yields the same
// people, texts and times, so screenshots, tests and benchmarks are repeatable.
package demo
