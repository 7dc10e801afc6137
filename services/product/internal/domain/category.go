// Package domain holds the catalog's entities and rules: categories, the
// shops that sell, products and their variations, and how a listing is
// asked for. No storage, no HTTP.
package domain

// Category is a node of the category tree.
type Category struct {
	ID       string
	ParentID string
	Slug     string
	Name     string
	Position int
}

// Subtree returns the ids of the category with slug and of all its
// descendants in cats, or nil when there is no such category.
func Subtree(cats []Category, slug string) []string {
	var root string
	children := map[string][]string{}
	for _, c := range cats {
		if c.Slug == slug {
			root = c.ID
		}
		children[c.ParentID] = append(children[c.ParentID], c.ID)
	}
	if root == "" {
		return nil
	}
	out := []string{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}
