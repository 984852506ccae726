namespace CrmBlazor.Data.Seeding;

/// <summary>Word lists for believable Chinese company, person and place names (Bogus's zh_CN locale has few company names).</summary>
internal static class NameBank
{
    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    public static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "海燕", "晓东", "婷", "宇", "鹏", "佳", "欣怡", "子涵", "浩然", "思远", "雨桐", "俊杰"];
    public static readonly string[] Titles = ["总经理", "采购经理", "IT主管", "运营总监", "财务经理", "技术总监", "项目经理", "行政主管", "生产部长", "副总裁"];
    public static readonly string[] TitlesEn = ["General Manager", "Purchasing Manager", "IT Lead", "Operations Director", "Finance Manager", "CTO", "Project Manager", "Office Manager", "Plant Manager", "Vice President"];
    public static readonly string[] CompanyWords = ["瑞丰", "华信", "恒通", "中科", "金鼎", "宏达", "博远", "天成", "鑫源", "远航", "凯盛", "嘉禾", "新元", "德润", "汇智", "佳和", "正泰", "海纳", "鼎盛", "立达", "明阳", "星辰", "卓越", "万象", "启航", "永信", "安捷", "盛世", "智联", "华辰"];

    public static readonly Dictionary<string, string[]> IndustryWords = new()
    {
        ["manufacturing"] = ["机械制造", "精密机械", "电子科技", "汽车零部件", "新材料"],
        ["it"] = ["信息技术", "软件", "网络科技", "数据科技", "智能科技"],
        ["retail"] = ["商贸", "百货", "连锁超市", "电子商务", "零售"],
        ["finance"] = ["投资管理", "融资租赁", "金融服务", "资产管理", "保险代理"],
        ["healthcare"] = ["医疗器械", "生物科技", "医药", "健康管理", "诊断技术"],
        ["education"] = ["教育科技", "培训", "文化传播", "职业教育", "教育咨询"],
        ["logistics"] = ["物流", "供应链管理", "国际货运", "仓储服务", "速运"],
        ["energy"] = ["新能源", "电力工程", "光伏科技", "储能技术", "节能服务"],
        ["realestate"] = ["置业", "物业管理", "房地产开发", "建设发展", "城市更新"],
        ["food"] = ["食品", "饮料", "农业发展", "餐饮管理", "乳业"],
    };

    public static readonly Dictionary<string, string> IndustryEn = new()
    {
        ["manufacturing"] = "Manufacturing", ["it"] = "Technologies", ["retail"] = "Retail Group", ["finance"] = "Capital",
        ["healthcare"] = "Health", ["education"] = "Learning", ["logistics"] = "Logistics", ["energy"] = "Energy",
        ["realestate"] = "Properties", ["food"] = "Foods",
    };

    /// <summary>City → (region code, street names, postcode prefix).</summary>
    public static readonly (string City, string Region, string PostPrefix, string[] Streets)[] Cities =
    [
        ("上海", "east", "200", ["浦东新区世纪大道", "徐汇区漕溪北路", "静安区南京西路", "闵行区莘庄工业区申富路"]),
        ("杭州", "east", "310", ["西湖区文三路", "滨江区江南大道", "余杭区文一西路"]),
        ("苏州", "east", "215", ["工业园区星湖街", "高新区狮山路", "吴中区东吴北路"]),
        ("南京", "east", "210", ["鼓楼区中山北路", "江宁区胜太路", "建邺区江东中路"]),
        ("宁波", "east", "315", ["鄞州区天童南路", "北仑区新碶街道"]),
        ("北京", "north", "100", ["海淀区中关村大街", "朝阳区建国路", "丰台区南四环西路"]),
        ("天津", "north", "300", ["滨海新区第三大街", "南开区鞍山西道"]),
        ("石家庄", "north", "050", ["长安区中山东路", "裕华区槐安东路"]),
        ("广州", "south", "510", ["天河区珠江新城花城大道", "黄埔区科学大道", "番禺区市桥街"]),
        ("深圳", "south", "518", ["南山区科技园深南大道", "福田区福华路", "宝安区西乡大道"]),
        ("东莞", "south", "523", ["松山湖园区工业北路", "南城区鸿福路"]),
        ("武汉", "central", "430", ["洪山区光谷大道", "江汉区建设大道"]),
        ("长沙", "central", "410", ["岳麓区麓谷大道", "雨花区劳动东路"]),
        ("郑州", "central", "450", ["金水区花园路", "高新区科学大道"]),
        ("成都", "southwest", "610", ["高新区天府大道", "武侯区人民南路"]),
        ("重庆", "southwest", "400", ["渝北区金开大道", "九龙坡区科园一路"]),
        ("西安", "northwest", "710", ["雁塔区科技路", "未央区凤城八路"]),
        ("沈阳", "northeast", "110", ["浑南区世纪路", "和平区青年大街"]),
        ("大连", "northeast", "116", ["高新区黄浦路", "中山区人民路"]),
    ];

    public static readonly string[] OverseasCities = ["Singapore", "Kuala Lumpur", "Bangkok", "Sydney", "London", "Hamburg", "Toronto"];
}
