package main

import (
	"runtime"
	"runtime/debug"
	"syscall"
)

// 1000 goroutines, each pinned to an OS thread of its own and blocked in a system call: without a process limit
// this would hold 1000 threads until the timeout; with it, the runtime cannot create the threads and aborts.
func main() {
	debug.SetTraceback("none")
	for i := 0; i < 1000; i++ {
		go func() {
			runtime.LockOSThread()
			var fds [2]int
			syscall.Pipe(fds[:])
			buf := make([]byte, 1)
			syscall.Read(fds[0], buf)
		}()
	}
	select {}
}
