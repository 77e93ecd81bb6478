package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
)

func main() {
	var names []string
	for _, variable := range os.Environ() {
		names = append(names, strings.SplitN(variable, "=", 2)[0])
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Println(name)
	}
	if _, err := os.ReadFile("/proc/1/environ"); errors.Is(err, fs.ErrPermission) {
		fmt.Println("/proc/1/environ: EACCES")
	} else {
		if err == nil {
			fmt.Println("/proc/1/environ: readable")
		} else {
			fmt.Println("/proc/1/environ:", err)
		}
	}
}
