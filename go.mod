module github.com/lambdasec/lambdasec

go 1.26.8
