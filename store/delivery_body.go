package store

import "encoding/json"

// keptBody is a webhook body kept byte for byte in a job's arguments. It is
// written as a JSON string: PostgreSQL keeps job arguments as jsonb, which
// would reorder and respace a body kept as JSON itself, and receivers are
// promised the body as it was when the news happened. Jobs queued before kept
// the body as JSON itself; those still read as they were kept.
type keptBody []byte

func (b keptBody) MarshalJSON() ([]byte, error) { return json.Marshal(string(b)) }

func (b *keptBody) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*b = keptBody(s)
		return nil
	}
	*b = append(keptBody(nil), data...)
	return nil
}
