package main

import (
	"os/signal"
	"syscall"
)

func main() {
	signal.Ignore(syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT)
	n := 0
	for {
		n++
	}
}
