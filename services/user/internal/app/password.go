package app

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/alexedwards/argon2id"

	"github.com/marketplace/marketplace/services/platform/fault"
)

// PasswordParams are the argon2id parameters of new hashes: OWASP's
// minimum for argon2id (19 MiB, 2 passes, 1 lane). Stored hashes carry
// their own parameters, so raising these later keeps old hashes valid.
var PasswordParams = argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// Hasher hashes and checks passwords with argon2id. Each hash takes
// Memory KiB for its duration, so at most a fixed number run at once: a
// burst of logins queues instead of exhausting memory.
type Hasher struct {
	params *argon2id.Params
	slots  chan struct{}
	dummy  func() (string, error)
}

// NewHasher returns a hasher running at most concurrency hashes at once
// (0 means 2 per CPU). params nil means PasswordParams.
func NewHasher(concurrency int, params *argon2id.Params) *Hasher {
	if concurrency <= 0 {
		concurrency = 2 * runtime.NumCPU()
	}
	if params == nil {
		p := PasswordParams
		params = &p
	}
	h := &Hasher{params: params, slots: make(chan struct{}, concurrency)}
	h.dummy = sync.OnceValues(func() (string, error) {
		return argon2id.CreateHash("not a real password, only spends the time of a real check", params)
	})
	return h
}

// acquire takes a hashing slot, or gives up when ctx ends.
func (h *Hasher) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-ctx.Done():
		return nil, fault.Unavailablef("the server is busy, please try again").WithCause(ctx.Err())
	}
}

// Hash returns the encoded argon2id hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	hash, err := argon2id.CreateHash(password, h.params)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return hash, nil
}

// Check reports whether password matches the encoded hash.
func (h *Hasher) Check(ctx context.Context, password, hash string) (bool, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return false, fmt.Errorf("check password: %w", err)
	}
	return ok, nil
}

// CheckDummy spends the time of a real Check against a fixed hash and
// always fails, so that an unknown email takes as long as a wrong password.
func (h *Hasher) CheckDummy(ctx context.Context, password string) error {
	hash, err := h.dummy()
	if err != nil {
		return fmt.Errorf("dummy password hash: %w", err)
	}
	_, err = h.Check(ctx, password, hash)
	return err
}
