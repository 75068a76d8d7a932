// Command ipfund turns a year's fund data (data/<year>/*.toml) into the
// bureau's evaluation documents under out/<year>/. See README.md.
package main

import (
	"os"

	"ipfund/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
