package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/resonanz/resonanz/attachment"
	"github.com/resonanz/resonanz/backup"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/store"
)

const backupUsage = `Copy the data of resonanz while it runs.

  resonanz backup [--data DIR] [--force] FILE

FILE receives a consistent copy of the database; beside it go FILE.secret.key,
FILE.erasure.key, FILE.link.key and the folder FILE.attachments. Keep all of them
together: without the keys, channel secrets cannot be opened, erased people are no
longer recognised and the links customers got no longer open their pages. A key
given as RESONANZ_SECRET_KEY or RESONANZ_LINK_KEY is not in the data directory;
keep it where it is kept.`

const restoreUsage = `Put a backup back into a data directory; stop resonanz first.

  resonanz restore [--data DIR] [--force] FILE

FILE is the database of a backup made with 'resonanz backup'; the keys and
attachments beside it are restored with it. The data directory must be empty
or missing; --force replaces the database, keys and attachments in it.`

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, force, file, err := backupArgs("backup", backupUsage, args, stderr)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := backup.Take(ctx, db, dataDir(cfg), file, force)
	if err != nil {
		return err
	}
	printSummary(stdout, "Backed up", s)
	return nil
}

func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, force, file, err := backupArgs("restore", restoreUsage, args, stderr)
	if err != nil {
		return err
	}
	s, err := backup.Restore(ctx, file, dataDir(cfg), force, store.CheckCopy)
	if err != nil {
		return err
	}
	printSummary(stdout, "Restored", s)
	return nil
}

// backupArgs parses the flags and the one file of backup and restore.
func backupArgs(name, usage string, args []string, stderr io.Writer) (cfg Config, force bool, file string, err error) {
	fs := newFlagSet(name, usage, stderr)
	dataFlag(fs, &cfg)
	fs.BoolVar(&force, "force", false, "overwrite what is there")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return cfg, false, "", err
	}
	if len(rest) != 1 {
		fs.Usage()
		return cfg, false, "", fmt.Errorf("%s takes one FILE, not %q", name, rest)
	}
	return cfg, force, rest[0], nil
}

// dataDir names what a backup holds of the data directory of cfg.
func dataDir(cfg Config) backup.DataDir {
	return backup.DataDir{Dir: cfg.DataDir, Database: filepath.Base(cfg.DatabasePath()), SecretKey: channel.KeyFile,
		ErasureKey: store.ErasureKeyFile, LinkKey: linksign.KeyFile, Attachments: attachment.Folder}
}

func printSummary(w io.Writer, did string, s *backup.Summary) {
	fmt.Fprintf(w, "%s the database to %s\n", did, s.Database)
	for _, f := range s.Files {
		fmt.Fprintf(w, "  and %s\n", f)
	}
	fmt.Fprintf(w, "  (%d attachment files)\n", s.Attachments)
	for _, m := range s.Missing {
		fmt.Fprintf(w, "  %s was not there: nothing copied of it\n", m)
	}
}
