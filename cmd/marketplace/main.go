// Command marketplace is the all-in-one binary: every service and the web
// frontend in one process, on SQLite files and the in-process event bus,
// with no configuration needed.
//
//	marketplace [serve] [--addr localhost:8080] [--data ./data] [--demo=true]
//	marketplace migrate [--data ./data]
//	marketplace seed [--data ./data]
//	marketplace user create --email E --password P --name N --role shopper|seller|admin [--data ./data]
//	marketplace deadletters [--queue Q] [--replay all|ID,...] [--data ./data]
//	marketplace stock-audit [--data ./data]
//	marketplace analytics rebuild [--data ./data]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `Usage:
  marketplace [serve] [--addr localhost:8080] [--data ./data] [--demo=true]
  marketplace migrate [--data ./data]
  marketplace seed [--data ./data]
  marketplace user create --email E --password P --name N --role shopper|seller|admin [--data ./data]
  marketplace deadletters [--queue Q] [--replay all|ID,...] [--data ./data]
  marketplace stock-audit [--data ./data]
  marketplace analytics rebuild [--data ./data]

Run "marketplace <command> --help" for a command's settings.
`

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "marketplace:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, stdout)
	case "seed":
		return seed(ctx, args, stdout)
	case "user":
		if len(args) == 0 || args[0] != "create" {
			return fmt.Errorf("unknown command: user %v\n\n%s", args, usage)
		}
		return userCreate(ctx, args[1:], stdout)
	case "stock-audit":
		return stockAudit(ctx, args, stdout)
	case "analytics":
		if len(args) == 0 || args[0] != "rebuild" {
			return fmt.Errorf("unknown command: analytics %v\n\n%s", args, usage)
		}
		return analyticsRebuild(ctx, args[1:], stdout)
	case "deadletters":
		return deadLetters(ctx, args, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
	}
}
