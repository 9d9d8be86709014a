//! Derives `data/gazetteer.tsv` from the 2023 statistical division codes
//! (`admin_divisions`: provinces, prefectures, counties, townships; WTFPL).
//!
//! ```sh
//! cargo run --example gazetteer -- ../shared/data/admin_divisions > data/gazetteer.tsv
//! ```
//!
//! Each division gets its code, name, level, parent code and a short form where Chinese news
//! uses one (河南省 → 河南, 焦作市 → 焦作, 延边朝鲜族自治州 → 延边, 修武县 → 修武). Placeholder rows
//! of the source (市辖区, 县, 省直辖县级行政区划) are dropped and their children re-attached to the
//! province.

use std::collections::HashMap;
use std::error::Error;
use std::path::Path;

/// The 55 minority nationalities as they appear inside autonomous-area names.
const NATIONALITIES: &[&str] = &[
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "各族",
];

const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// Suffixes removed to form a short name, longest first.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "省",
    "市",
    "盟",
    "县",
    "区",
    "旗",
];

/// County-level short forms that are ordinary words or too generic to stand alone.
const GENERIC: &[&str] = &[
    "城区", "郊区", "矿区", "新区", "市中", "市南", "市北", "城关", "和平", "新华", "长安", "开发",
    "高新", "经济", "东区", "西区", "南区", "北区", "中区", "江北", "江南", "河东", "河西", "城中",
    "城东", "城西", "城南", "城北", "白云", "青山", "永安", "安定", "向阳", "红旗", "前进", "胜利",
    "建华", "铁东", "铁西", "平安", "宝山", "龙华", "南山", "龙岗", "新城", "古城",
];

fn short_form(name: &str, level: &str) -> Option<String> {
    let mut stem = name;
    for nationality in NATIONALITIES {
        if let Some(at) = stem.find(nationality) {
            if at > 0 {
                stem = &stem[..at];
            }
        }
    }
    if stem == name {
        let suffix = SUFFIXES.iter().find(|s| name.ends_with(*s))?;
        stem = &name[..name.len() - suffix.len()];
    }
    let chars = stem.chars().count();
    // Counties are called by their bare stem only when it is a short proper name (修武, 山阳);
    // townships never are (李万街道 is not "李万" on its own).
    let usable = match level {
        "province" | "prefecture" => chars >= 2,
        "county" => (2..=3).contains(&chars),
        _ => false,
    };
    (usable && stem != name && !GENERIC.contains(&stem)).then(|| stem.to_owned())
}

/// Reads a CSV whose fields are plain or double-quoted without inner commas.
fn read_csv(path: &Path) -> Result<Vec<Vec<String>>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(',')
                .map(|f| f.trim().trim_matches('"').to_owned())
                .collect()
        })
        .collect())
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: gazetteer ADMIN_DIVISIONS_DIR > data/gazetteer.tsv")?;
    let dir = Path::new(&dir);
    println!(
        "# Chinese administrative divisions to township level, derived by examples/gazetteer.rs"
    );
    println!("# from the 2023 statistical division codes (modood/Administrative-divisions-of-China, WTFPL).");
    println!("# short: the form news uses without the level suffix, or - where there is none.");
    println!("code\tname\tlevel\tparent\tshort");
    let mut kept: HashMap<String, bool> = HashMap::new();
    let emit = |code: &str, name: &str, level: &str, parent: &str| {
        let short = short_form(name, level).unwrap_or_else(|| "-".to_owned());
        println!("{code}\t{name}\t{level}\t{parent}\t{short}");
    };
    for row in read_csv(&dir.join("provinces.csv"))? {
        emit(&row[0], &row[1], "province", "-");
        kept.insert(row[0].clone(), true);
    }
    for row in read_csv(&dir.join("cities.csv"))? {
        let placeholder = PLACEHOLDERS.contains(&row[1].as_str());
        kept.insert(row[0].clone(), !placeholder);
        if !placeholder {
            emit(&row[0], &row[1], "prefecture", &row[2]);
        }
    }
    for row in read_csv(&dir.join("areas.csv"))? {
        let parent = if kept.get(&row[2]).copied().unwrap_or(false) {
            &row[2]
        } else {
            &row[3]
        };
        let placeholder = PLACEHOLDERS.contains(&row[1].as_str());
        kept.insert(row[0].clone(), !placeholder);
        if !placeholder {
            emit(&row[0], &row[1], "county", parent);
        }
    }
    for row in read_csv(&dir.join("streets.csv"))? {
        let parent = if kept.get(&row[2]).copied().unwrap_or(false) {
            &row[2]
        } else {
            &row[4]
        };
        emit(&row[0], &row[1], "township", parent);
    }
    Ok(())
}
