package main

import "runtime"

func spin() {
	n := 0
	for {
		n++
	}
}

func main() {
	runtime.GOMAXPROCS(32)
	for i := 0; i < 32; i++ {
		go spin()
	}
	spin()
}
