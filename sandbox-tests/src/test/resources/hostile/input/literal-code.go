// $(touch /tmp/pwned) `touch /tmp/pwned` ; rm -rf / ; ../../etc/passwd '"\ \n %s {} ${HOME} | & > < *
package main

import "os"

func main() {
	source, _ := os.ReadFile("main.go")
	os.Stdout.Write(source)
}
