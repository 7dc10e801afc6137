package shopclient

import "github.com/marketplace/marketplace/services/platform/fault"

var errNoShop = fault.NotFoundf("this user has no open shop")
