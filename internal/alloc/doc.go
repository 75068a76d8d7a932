// Package alloc splits the factor-method part of Jiangxi's provincial IP
// special fund (江西省省级知识产权专项资金管理办法, 第七条–第八条) among the
// 设区市.
//
// # Formula
//
// For every factor f (weight w_f) and city i with coefficients
// p_i (绩效调节系数) and h_i (财政困难程度系数):
//
//	share_im = v_im / Σ_k v_km                   one indicator m of f
//	raw_if   = Σ_{m in f} share_im               第八条 factor score
//	adj_if   = raw_if × p_i × h_i                adjusted score
//	ratio_if = adj_if / Σ_k adj_kf
//	share_i  = Σ_f w_f × ratio_if                第七条
//	exact_i  = share_i × Total
//
// Everything is computed with math/big rationals, so the shares add up to
// exactly 1 and the exact amounts to exactly Total; decimals appear only in
// the views offered by [Exact.Dec] and [Exact.Percent]. Factors and weights
// are data ([DefaultFactors] gives the four of 第七条) because the rules let
// them change from year to year.
//
// # Rounding
//
// Money is paid in whole multiples of Input.Quantum (1 for 元, 0.01 for
// 万元), and the rounded amounts must add up to Total exactly, which
// independent rounding of each city cannot guarantee. The largest-remainder
// (Hamilton) method is used: with N = Total/Quantum quanta and quota
// q_i = share_i × N, every city first gets floor(q_i) quanta; the R = N −
// Σ floor(q_i) quanta left over (0 ≤ R < number of cities) go one each to the
// cities with the largest remainders q_i − floor(q_i). Equal remainders are
// ranked by the order of the cities in the input, earlier first, so the
// result never depends on map iteration or sort stability. A city's
// correction (CityResult.Correction) is therefore either 0 or exactly one
// quantum, and its rounded amount differs from its exact amount by less than
// one quantum.
//
// # Monotonicity
//
// If one city i's indicator values all grow (others fixed), its exact share
// never decreases: each v_im/(v_im+rest) grows, every other city's raw score
// shrinks, so adj_if/Σadj grows for every factor. Its rounded amount never
// decreases either PROVIDED no other city's quota grows. Sketch: if
// floor(q_i) rises, the new amount is at least the old floor + 1, which is
// at least the old amount. Otherwise floor(q_i) is unchanged and its
// remainder did not shrink; a rival whose floor is unchanged has a remainder
// that did not grow, so it outranks i now only if it did before; each rival
// whose floor dropped by d quanta can newly outrank i once but adds d to R.
// So i's rank stays within R. The proviso holds when every factor has a single
// indicator, or when all cities share the same p×h. It can FAIL when a
// multi-indicator factor (such as 专利运用) meets unequal coefficients: i's
// growth can take more score from a rival with a large p×h than from one
// with a small p×h, shrink the factor's adjusted total, and raise the small
// rival's quota, which can push i out of the top-R remainders and cost it one
// quantum (the Alabama-type paradox of Hamilton's method). The exact
// amounts stay monotone; only the one-quantum correction can move against i.
// TestHamiltonParadox shows a case (p×h 0.1 against 1); random searches
// with p×h between 0.72 and 1.56 found none, but that is not a proof.
//
// # Zero coefficients
//
// A coefficient of 0 is allowed: the city's adjusted score for every factor
// is then 0 and it receives nothing from the factor method. A coefficient
// may not be negative. If a factor's adjusted scores are 0 for every city,
// the ratio adj/Σadj is undefined and Allocate refuses, as it does when an
// indicator's values add up to 0 over all cities.
//
// # Errors
//
// Allocate checks the whole input before computing and returns [Problems],
// one [Problem] per defect with a Chinese message and a locator (city,
// factor and indicator index, map key, field name) that a loader can map
// back to a line in its file. Besides the obvious checks it refuses a
// quantum finer than 1 分 and a City.Values key that no factor defines
// (usually a typo, or data of a factor dropped this year).
//
// # Data file
//
// [Load] reads a year's data/<year>/allocation.toml ([FileName]; the
// commented format is data/2023/allocation.toml, a sample data set marked
// 示例数据，非官方数字): [allocation] with the title, region, year (equal to
// the directory's), the sample flag and note, the total, its unit and
// quantum (default 1 元 or 0.01 万元); one [[factor]] per factor with its
// weight in percent as staff write it (40, not 0.4) and its indicators; and
// one [[city]] per city with values = { key = value, … } and its two
// coefficients. It returns a [Plan] and every problem at once, each on the
// line of the key to fix: the Problems of Allocate are mapped back by their
// indexes, key and field (see locate.go).
//
// A file without [[factor]] gets [DefaultFactors] (第七条), with a warning
// that names them: the rules let weights change from year to year, so a
// silent default could hide that a year's adjusted weights were left out.
// The sample writes the four factors out so staff see what is used.
package alloc
