package main

import "os"

func main() {
	os.Stdout.Write([]byte("ok \xff\xc3( end\n"))
}
