package resonanz

import (
	"context"
	"encoding/json"
	"time"
)

// PersonRecord is everything resonanz holds on one person, table by table,
// as stored: the answer to a request for access (GDPR Art. 15).
type PersonRecord struct {
	ContactID  int64         `json:"contact_id"`
	Name       string        `json:"name"`
	ExportedAt time.Time     `json:"exported_at"`
	Tables     []PersonTable `json:"tables"`
}

// PersonTable is the rows of one table that concern a person.
type PersonTable struct {
	Name    string
	Columns []string
	Rows    [][]any
}

// MarshalJSON writes the table as {"table": name, "rows": [{column: value}]}.
func (t PersonTable) MarshalJSON() ([]byte, error) {
	rows := make([]map[string]any, len(t.Rows))
	for i, row := range t.Rows {
		rows[i] = make(map[string]any, len(t.Columns))
		for j, col := range t.Columns {
			rows[i][col] = row[j]
		}
	}
	return json.Marshal(struct {
		Table string           `json:"table"`
		Rows  []map[string]any `json:"rows"`
	}{t.Name, rows})
}

// Erasure says how many rows of each table an erasure emptied or removed;
// it is what the privacy log keeps of an erased person.
type Erasure struct {
	ContactID int64
	Rows      map[string]int64
	// Files are the kept attachment files (paths in the data directory)
	// whose records went with the person; the caller removes them.
	Files []string
}

// Kinds of privacy events.
const (
	PrivacyExport = "export"
	PrivacyErase  = "erase"
)

// PrivacyEvent records that someone exported or erased a person's data,
// never the data itself.
type PrivacyEvent struct {
	ContactID int64
	Kind      string
	UserName  string
	Params    Params
	CreatedAt time.Time
}

// MaxRetentionMonths bounds a retention period (ten years).
const MaxRetentionMonths = 120

// RetentionPolicy says after how many months without a message a channel's
// conversations are deleted.
type RetentionPolicy struct {
	Channel string
	Months  int
}

// Validate reports the first problem with a retention policy.
func (p RetentionPolicy) Validate() error {
	if _, ok := LookupChannel(p.Channel); !ok {
		return FieldError("channel", "Unknown channel %q.", p.Channel).Keyed("channel.unknown")
	}
	if p.Months < 1 || p.Months > MaxRetentionMonths {
		return FieldError("months", "Keep conversations 1 to %d months.", MaxRetentionMonths).Keyed("retention.months")
	}
	return nil
}

// Cutoff is the moment before which a conversation's last message makes it
// due for deletion.
func (p RetentionPolicy) Cutoff(now time.Time) time.Time {
	return now.AddDate(0, -p.Months, 0)
}

// PrivacyService answers a person's privacy rights.
type PrivacyService interface {
	// ExportPerson gathers everything held on a contact; the export is logged.
	ExportPerson(ctx context.Context, contactID int64, by *User) (*PersonRecord, error)
	// ErasePerson removes a contact's personal data everywhere; the erasure
	// is logged with counts only.
	ErasePerson(ctx context.Context, contactID int64, by *User) (*Erasure, error)
}
