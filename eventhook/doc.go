// Package eventhook tells the company's other systems what happens in
// resonanz: the Dispatcher turns inbound messages, audit entries and alert
// steps into events (message.received, conversation.assigned, …) and queues
// one delivery per subscription, durably; the Sender posts each attempt,
// signed as the alert webhooks are (webhook.Sign).
package eventhook
