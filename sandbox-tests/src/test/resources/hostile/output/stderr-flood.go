package main

import (
	"fmt"
	"os"
)

func main() {
	for {
		fmt.Fprintln(os.Stderr, "err err err err err err err err")
	}
}
