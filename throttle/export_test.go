package throttle

// Keys is how many keys the rate remembers.
func (r *Rate) Keys() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.keys)
}
