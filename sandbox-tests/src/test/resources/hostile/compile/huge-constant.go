package main

import "fmt"

const huge = 1 << 100000000

func main() {
	fmt.Println(huge >> 99999990)
}
