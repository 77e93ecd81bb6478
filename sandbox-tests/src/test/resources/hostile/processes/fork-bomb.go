package main

import "os/exec"

func main() {
	for {
		exec.Command("sleep", "100").Start()
	}
}
