package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("partial output")
	fmt.Fprintln(os.Stderr, "partial error")
	time.Sleep(100 * time.Second)
}
