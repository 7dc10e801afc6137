// Package config reads a command's settings from flags and environment
// variables: a flag given on the command line wins, then the environment,
// then the default. Problems are collected and reported together at start.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Set is one command's settings.
type Set struct {
	fs   *flag.FlagSet
	errs []error
	envs []string // for usage: which variables are read
}

// New returns an empty set for command name.
func New(name string) *Set {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &Set{fs: fs}
}

func (s *Set) env(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	s.envs = append(s.envs, name)
	v, ok := os.LookupEnv(name)
	return v, ok && v != ""
}

func (s *Set) usage(env, usage string) string {
	if env == "" {
		return usage
	}
	return usage + " (env " + env + ")"
}

// String defines a string setting.
func (s *Set) String(flagName, env, def, usage string) *string {
	if v, ok := s.env(env); ok {
		def = v
	}
	return s.fs.String(flagName, def, s.usage(env, usage))
}

// Bool defines a boolean setting.
func (s *Set) Bool(flagName, env string, def bool, usage string) *bool {
	if v, ok := s.env(env); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Errorf("%s=%q: want true or false", env, v))
		} else {
			def = b
		}
	}
	return s.fs.Bool(flagName, def, s.usage(env, usage))
}

// Duration defines a duration setting ("15m", "30s").
func (s *Set) Duration(flagName, env string, def time.Duration, usage string) *time.Duration {
	if v, ok := s.env(env); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Errorf("%s=%q: want a duration such as 15m", env, v))
		} else {
			def = d
		}
	}
	return s.fs.Duration(flagName, def, s.usage(env, usage))
}

// Int defines an integer setting.
func (s *Set) Int(flagName, env string, def int, usage string) *int {
	if v, ok := s.env(env); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Errorf("%s=%q: want a whole number", env, v))
		} else {
			def = n
		}
	}
	return s.fs.Int(flagName, def, s.usage(env, usage))
}

// Check records a validation problem when bad is true.
func (s *Set) Check(bad bool, format string, args ...any) {
	if bad {
		s.errs = append(s.errs, fmt.Errorf(format, args...))
	}
}

// Parse reads args and returns every problem found so far, joined.
func (s *Set) Parse(args []string) error {
	if err := s.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%s: %w", s.fs.Name(), err)
	}
	return s.Err()
}

// Err returns the problems recorded by Check and by bad environment values.
func (s *Set) Err() error {
	if len(s.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s: invalid configuration: %w", s.fs.Name(), errors.Join(s.errs...))
}

// Args returns the arguments left after the flags.
func (s *Set) Args() []string { return s.fs.Args() }

// Usage writes the settings with their flags, variables and defaults.
func (s *Set) Usage(w io.Writer) {
	fmt.Fprintf(w, "Usage of %s:\n", s.fs.Name())
	s.fs.SetOutput(w)
	s.fs.PrintDefaults()
	s.fs.SetOutput(io.Discard)
}

// Secret reads a secret that must be at least minLen characters.
func (s *Set) Secret(env string, minLen int, required bool) string {
	v, _ := s.env(env)
	switch {
	case v == "" && required:
		s.errs = append(s.errs, fmt.Errorf("%s is required", env))
	case v != "" && len(v) < minLen:
		s.errs = append(s.errs, fmt.Errorf("%s must be at least %d characters", env, minLen))
	}
	return strings.TrimSpace(v)
}
