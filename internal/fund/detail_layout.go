package fund

// LabelSpansNext reports whether a group's label may take over the text
// column after it, as the seed's table draws 授权专利奖励 across 项目 and
// 年度: the table starts with a group column followed by a text column that
// none of the group's rows fills. The Word table and the workbook's detail
// sheet merge the two cells alike.
func (d *Detail) LabelSpansNext(g RowGroup) bool {
	if len(d.Columns) < 3 || d.Columns[0].Kind != ColGroup || d.Columns[1].Kind != ColText {
		return false
	}
	for _, r := range g.Rows {
		if r.Cell(1).Text != "" {
			return false
		}
	}
	return true
}
