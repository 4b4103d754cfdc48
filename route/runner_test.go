package route_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz/route"
)

func TestRunnerRoutesAtStartAndWhenWoken(t *testing.T) {
	f := newRoutingFixture(t)
	waiting := f.write(t, "k1", "Mein Paket ist nicht angekommen")
	wake := make(chan struct{})
	r, err := route.StartRunner(context.Background(), f.router, wake)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if c := f.conversation(t, waiting); c.TeamID != f.team.ID {
		t.Fatalf("the conversation that waited for resonanz to start went to team %d, want Versand before the first page is served", c.TeamID)
	}

	later := f.write(t, "k2", "Mein Paket ist auch nicht angekommen")
	wake <- struct{}{} // taken once the router waits for work
	wake <- struct{}{} // taken once it has routed what the first woke it for
	if c := f.conversation(t, later); c.TeamID != f.team.ID {
		t.Fatalf("the conversation written while running went to team %d, want Versand once the router is woken", c.TeamID)
	}
}
