package alloc

import (
	"math/big"
	"slices"
)

// apportionment is the outcome of the largest-remainder method.
type apportionment struct {
	floors   []*big.Int // floor(quota) per city
	rems     []*big.Rat // quota − floor, in [0, 1)
	ranks    []int      // 1-based place in the remainder order
	bonus    []bool     // received one of the leftover quanta
	leftover int        // number of leftover quanta handed out
}

// hamilton apportions n quanta among cities with the given non-negative
// quotas, which must add up to exactly n. Each city gets floor(quota); the
// leftover n − Σ floor go one each to the largest remainders, equal
// remainders ranked by city index so the outcome is reproducible.
func hamilton(quotas []*big.Rat, n *big.Int) apportionment {
	k := len(quotas)
	a := apportionment{
		floors: make([]*big.Int, k),
		rems:   make([]*big.Rat, k),
		ranks:  make([]int, k),
		bonus:  make([]bool, k),
	}
	left := new(big.Int).Set(n)
	for i, q := range quotas {
		fl, m := new(big.Int).QuoRem(q.Num(), q.Denom(), new(big.Int))
		a.floors[i] = fl
		a.rems[i] = new(big.Rat).SetFrac(m, q.Denom())
		left.Sub(left, fl)
	}
	// Σ remainders = leftover, and each remainder is < 1, so the leftover is
	// a small non-negative integer below k whenever the quotas add up to n.
	if left.Sign() < 0 || left.Cmp(big.NewInt(int64(k))) >= 0 {
		panic("alloc: quotas do not add up to the number of quanta")
	}
	a.leftover = int(left.Int64())
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		if c := a.rems[y].Cmp(a.rems[x]); c != 0 {
			return c // larger remainder first
		}
		return x - y // then earlier city first
	})
	for place, i := range order {
		a.ranks[i] = place + 1
		a.bonus[i] = place < a.leftover
	}
	return a
}
