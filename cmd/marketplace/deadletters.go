package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/marketplace/marketplace/services/platform/config"
	"github.com/marketplace/marketplace/services/platform/eventbus/inproc"
	"github.com/marketplace/marketplace/services/platform/host"
)

// deadLetters lists the events that kept failing in each service's queue
// of the embedded bus, and puts them back on their queue with --replay. A
// running marketplace picks replayed events up within seconds.
func deadLetters(ctx context.Context, args []string, out io.Writer) error {
	cfg := config.New("marketplace deadletters")
	common := commonFlags(cfg)
	queue := cfg.String("queue", "", "", "only this queue, e.g. analytics.events (default: every service's queue)")
	replay := cfg.String("replay", "", "", `put dead letters back: "all", or comma-separated event ids (needs --queue)`)
	if err := parse(cfg, args, out); err != nil {
		return err
	}
	cfg.Check(*replay != "" && *queue == "", "--replay needs --queue")
	if err := cfg.Err(); err != nil {
		return err
	}
	bus, err := inproc.Open(ctx, filepath.Join(*common.data, "bus.db"))
	if err != nil {
		return err
	}
	defer bus.Close()
	if *replay != "" {
		var ids []string
		if *replay != "all" {
			ids = strings.Split(*replay, ",")
		}
		n, err := bus.Replay(ctx, *queue, ids)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "replayed %d event(s) onto %s\n", n, *queue)
		return nil
	}
	queues := []string{*queue}
	if *queue == "" {
		queues = queues[:0]
		for _, s := range services {
			queues = append(queues, host.Queue(s.name))
		}
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "QUEUE\tEVENT ID\tTYPE\tFAILED AT\tREASON")
	for _, q := range queues {
		dead, err := bus.DeadLetters(ctx, q, 1000)
		if err != nil {
			return err
		}
		for _, d := range dead {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", q, d.Envelope.ID, d.Envelope.Type, d.FailedAt.Format("2006-01-02 15:04:05"), d.Reason)
		}
	}
	return tw.Flush()
}
