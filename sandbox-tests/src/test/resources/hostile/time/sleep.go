package main

import "time"

func main() {
	time.Sleep(100 * time.Second)
}
