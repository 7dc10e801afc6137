-- +goose Up
-- The user worker deletes ended sessions and quiet sign-in records by age.
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX login_throttle_updated_at ON login_throttle (updated_at);

-- +goose Down
DROP INDEX login_throttle_updated_at;
DROP INDEX sessions_revoked_at;
DROP INDEX sessions_expires_at;
