package main

var blocks [][]byte

func main() {
	for {
		block := make([]byte, 8<<20)
		for i := range block {
			block[i] = 'x'
		}
		blocks = append(blocks, block)
	}
}
