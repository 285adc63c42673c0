/**
 * The default agency directory, shipped as data. An administrator's edited copy (same shape,
 * validated by {@link parseDirectory}) can be passed to the matcher instead.
 *
 * Retired names stay as entries of their own, with `validUntil` and `successor`, so that a
 * 2024 notice that says "Sở Kế hoạch và Đầu tư" is read as that department, not rewritten to
 * its 2025 successor. Dates: provincial departments and ministries were merged with effect
 * from 01/03/2025 (Nghị định 45/2025/NĐ-CP and the Government's restructuring decrees); the
 * district level ended on 01/07/2025 (two-level local government). Tax and treasury offices
 * were regionalised in March 2025 (dates approximate: administrators may correct them).
 */
import type { AgencyDirectory, AgencyEntry, AgencyId, AgencyKind } from './types';
import { AGENCY_KINDS } from './types';

const MERGE_2025 = '2025-03-01';

/** Shorthand constructor that brands the id. */
function e(
	id: string,
	name: string,
	kind: AgencyKind,
	aliases: string[] = [],
	extra: Partial<Omit<AgencyEntry, 'id' | 'name' | 'kind' | 'aliases' | 'successor'>> & {
		successor?: string;
	} = {}
): AgencyEntry {
	const { successor, ...rest } = extra;
	return {
		id: id as AgencyId,
		name,
		kind,
		aliases,
		...rest,
		...(successor ? { successor: successor as AgencyId } : {})
	};
}

const retired = (successor: string, validUntil = MERGE_2025) => ({ validUntil, successor });

const ENTRIES: AgencyEntry[] = [
	// — Provincial People's Committee and its office —
	e('ubnd-tinh', 'UBND tỉnh', 'authority', ['Ủy ban nhân dân tỉnh', 'UBND Tỉnh']),
	e('thuong-truc-ubnd-tinh', 'Thường trực UBND tỉnh', 'authority', ['Thường trực Ủy ban nhân dân tỉnh', 'TT UBND tỉnh']),
	e(
		'van-phong-ubnd-tinh',
		'Văn phòng UBND tỉnh',
		'office',
		['Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND tỉnh', 'VPUBND tỉnh', 'Văn phòng UBND', 'VPUB', 'VPUBND'],
		{ short: ['Văn phòng'] }
	),
	// — Departments (sở) in force after the 2025 reorganisation —
	e('so-tai-chinh', 'Sở Tài chính', 'department', ['Sở TC']),
	e('so-noi-vu', 'Sở Nội vụ', 'department', ['Sở NV']),
	e('so-tu-phap', 'Sở Tư pháp', 'department', ['Sở TP']),
	e('so-cong-thuong', 'Sở Công Thương', 'department', ['Sở Công thương', 'Sở CT']),
	e('so-xay-dung', 'Sở Xây dựng', 'department', ['Sở XD']),
	e('so-nong-nghiep-va-moi-truong', 'Sở Nông nghiệp và Môi trường', 'department', ['Sở NN&MT', 'Sở NNMT', 'Sở Nông nghiệp & Môi trường'], {
		validFrom: MERGE_2025
	}),
	e('so-khoa-hoc-va-cong-nghe', 'Sở Khoa học và Công nghệ', 'department', ['Sở KH&CN', 'Sở KHCN', 'Sở Khoa học & Công nghệ']),
	e('so-giao-duc-va-dao-tao', 'Sở Giáo dục và Đào tạo', 'department', ['Sở GD&ĐT', 'Sở GDĐT', 'Sở Giáo dục & Đào tạo']),
	e('so-y-te', 'Sở Y tế', 'department', ['Sở YT']),
	e('so-van-hoa-the-thao-va-du-lich', 'Sở Văn hóa, Thể thao và Du lịch', 'department', [
		'Sở VHTTDL',
		'Sở VH,TT&DL',
		'Sở VHTT&DL',
		'Sở Văn hóa Thể thao và Du lịch',
		'Sở Văn hóa, Thể thao & Du lịch'
	]),
	e('so-van-hoa-va-the-thao', 'Sở Văn hóa và Thể thao', 'department', ['Sở VH&TT', 'Sở VHTT']),
	e('so-du-lich', 'Sở Du lịch', 'department', ['Sở DL']),
	e('so-ngoai-vu', 'Sở Ngoại vụ', 'department', ['Sở NgV'], {
		note: 'Merged into Sở Ngoại vụ / Văn phòng UBND tỉnh depending on the province in 2025.'
	}),
	e('so-dan-toc-va-ton-giao', 'Sở Dân tộc và Tôn giáo', 'department', ['Sở DT&TG', 'Sở DTTG'], { validFrom: MERGE_2025 }),
	e('thanh-tra-tinh', 'Thanh tra tỉnh', 'provincial', ['Thanh tra Tỉnh']),
	// — Departments retired by the 2025 reorganisation —
	e(
		'so-ke-hoach-va-dau-tu',
		'Sở Kế hoạch và Đầu tư',
		'department',
		['Sở KH&ĐT', 'Sở KHĐT', 'Sở KH-ĐT', 'Sở Kế hoạch & Đầu tư', 'Sở KHVĐT'],
		retired('so-tai-chinh')
	),
	e(
		'so-tai-nguyen-va-moi-truong',
		'Sở Tài nguyên và Môi trường',
		'department',
		['Sở TN&MT', 'Sở TNMT', 'Sở TN-MT', 'Sở Tài nguyên & Môi trường'],
		retired('so-nong-nghiep-va-moi-truong')
	),
	e(
		'so-nong-nghiep-va-ptnt',
		'Sở Nông nghiệp và Phát triển nông thôn',
		'department',
		['Sở NN&PTNT', 'Sở NNPTNT', 'Sở Nông nghiệp và PTNT', 'Sở Nông nghiệp & PTNT', 'Sở NN và PTNT'],
		retired('so-nong-nghiep-va-moi-truong')
	),
	e('so-giao-thong-van-tai', 'Sở Giao thông vận tải', 'department', ['Sở GTVT', 'Sở Giao thông - Vận tải', 'Sở Giao thông Vận tải'], retired('so-xay-dung')),
	e(
		'so-thong-tin-va-truyen-thong',
		'Sở Thông tin và Truyền thông',
		'department',
		['Sở TT&TT', 'Sở TTTT', 'Sở Thông tin & Truyền thông'],
		retired('so-khoa-hoc-va-cong-nghe')
	),
	e(
		'so-lao-dong-tb-xh',
		'Sở Lao động - Thương binh và Xã hội',
		'department',
		['Sở LĐTBXH', 'Sở LĐ-TB&XH', 'Sở LĐTB&XH', 'Sở Lao động, Thương binh và Xã hội', 'Sở Lao động Thương binh và Xã hội', 'Sở Lao động-Thương binh và Xã hội'],
		{
			...retired('so-noi-vu'),
			note: 'Functions split: most to Sở Nội vụ; social protection to Sở Y tế; vocational training to Sở Giáo dục và Đào tạo.'
		}
	),
	e('ban-dan-toc-tinh', 'Ban Dân tộc tỉnh', 'provincial', ['Ban Dân tộc'], retired('so-dan-toc-va-ton-giao')),
	// — Other provincial bodies —
	e('cong-an-tinh', 'Công an tỉnh', 'provincial', ['CA tỉnh']),
	e('bo-chi-huy-quan-su-tinh', 'Bộ Chỉ huy Quân sự tỉnh', 'provincial', ['Bộ CHQS tỉnh', 'Bộ Chỉ huy quân sự tỉnh', 'Bộ Chỉ huy Quân sự']),
	e('bo-chi-huy-bien-phong-tinh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'provincial', ['Bộ Chỉ huy BĐBP tỉnh', 'BĐBP tỉnh', 'Bộ đội Biên phòng tỉnh']),
	e('cuc-thue-tinh', 'Cục Thuế tỉnh', 'provincial', ['Cục Thuế'], retired('thue-tinh', '2025-03-15')),
	e('thue-tinh', 'Thuế tỉnh', 'provincial', [], { validFrom: '2025-03-15' }),
	e('thue-co-so', 'Thuế cơ sở', 'provincial', [], { validFrom: '2025-07-01' }),
	e('chi-cuc-thue-khu-vuc', 'Chi cục Thuế khu vực', 'provincial', [], retired('thue-tinh', '2025-03-15')),
	e('kho-bac-nha-nuoc-khu-vuc', 'Kho bạc Nhà nước khu vực', 'provincial', ['KBNN khu vực'], { validFrom: MERGE_2025 }),
	e('kho-bac-nha-nuoc-tinh', 'Kho bạc Nhà nước tỉnh', 'provincial', ['Kho bạc Nhà nước', 'KBNN tỉnh', 'Kho bạc nhà nước tỉnh']),
	e('cuc-hai-quan', 'Cục Hải quan tỉnh', 'provincial', ['Cục Hải quan', 'Chi cục Hải quan']),
	e('cuc-thong-ke-tinh', 'Cục Thống kê tỉnh', 'provincial', ['Cục Thống kê'], retired('thong-ke-tinh')),
	e('thong-ke-tinh', 'Thống kê tỉnh', 'provincial', [], { validFrom: MERGE_2025 }),
	e('bhxh-tinh', 'Bảo hiểm xã hội tỉnh', 'provincial', ['BHXH tỉnh']),
	e('ngan-hang-nha-nuoc-chi-nhanh-tinh', 'Ngân hàng Nhà nước chi nhánh tỉnh', 'provincial', ['Ngân hàng Nhà nước Chi nhánh tỉnh', 'NHNN chi nhánh tỉnh']),
	e('ban-quan-ly-cac-kcn', 'Ban Quản lý các khu công nghiệp tỉnh', 'provincial', [
		'Ban Quản lý các khu công nghiệp',
		'Ban Quản lý các KCN',
		'BQL các KCN',
		'BQL các khu công nghiệp'
	]),
	e('ban-quan-ly-khu-kinh-te', 'Ban Quản lý Khu kinh tế tỉnh', 'provincial', ['Ban Quản lý Khu kinh tế', 'BQL Khu kinh tế', 'BQL KKT']),
	e('ban-tiep-cong-dan-tinh', 'Ban Tiếp công dân tỉnh', 'provincial', ['Ban Tiếp công dân']),
	e('dai-phat-thanh-truyen-hinh', 'Đài Phát thanh và Truyền hình tỉnh', 'provincial', [
		'Đài Phát thanh và Truyền hình',
		'Đài PT-TH tỉnh',
		'Đài PTTH tỉnh',
		'Đài PT&TH tỉnh'
	]),
	e('bao-tinh', 'Báo tỉnh', 'provincial', []),
	e('ubmttq-tinh', 'Ủy ban MTTQ Việt Nam tỉnh', 'provincial', [
		'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
		'Ủy ban Mặt trận Tổ quốc tỉnh',
		'Ủy ban MTTQ tỉnh',
		'UBMTTQ tỉnh',
		'Ủy ban MTTQ Việt Nam tỉnh'
	]),
	e('lien-doan-lao-dong-tinh', 'Liên đoàn Lao động tỉnh', 'provincial', ['LĐLĐ tỉnh']),
	e('tinh-doan', 'Tỉnh đoàn', 'provincial', ['Tỉnh Đoàn']),
	e('truong-chinh-tri-tinh', 'Trường Chính trị tỉnh', 'provincial', []),
	e('trung-tam-phuc-vu-hcc', 'Trung tâm Phục vụ hành chính công tỉnh', 'provincial', ['Trung tâm Phục vụ hành chính công']),
	// — Bodies that issue or receive, rarely charged —
	e('hdnd-tinh', 'HĐND tỉnh', 'authority', ['Hội đồng nhân dân tỉnh', 'Thường trực HĐND tỉnh']),
	e('tinh-uy', 'Tỉnh ủy', 'authority', ['Tỉnh uỷ', 'Thường trực Tỉnh ủy', 'Ban Thường vụ Tỉnh ủy', 'TT Tỉnh ủy', 'BTV Tỉnh ủy', 'Ban Chấp hành Đảng bộ tỉnh']),
	// — Party bodies of the province: charged by the Tỉnh ủy's notices like any agency. District and
	// commune Party committees (Huyện ủy, Thị ủy, Thành ủy, Đảng ủy xã/phường) are a pattern, not data.
	e('ban-can-su-dang-ubnd-tinh', 'Ban cán sự đảng UBND tỉnh', 'provincial', ['BCS đảng UBND tỉnh', 'Ban cán sự UBND tỉnh'], retired('dang-uy-ubnd-tinh')),
	e('dang-doan-hdnd-tinh', 'Đảng đoàn HĐND tỉnh', 'provincial', ['Đảng đoàn Hội đồng nhân dân tỉnh'], retired('dang-uy-cac-co-quan-dang-tinh')),
	e(
		'dang-doan-mttq-tinh',
		'Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh',
		'provincial',
		[
			'Đảng đoàn Ủy ban MTTQ tỉnh',
			'Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
			'Đảng đoàn Ủy ban Mặt trận Tổ quốc tỉnh',
			'Đảng đoàn UBMTTQ tỉnh',
			'Đảng đoàn MTTQ tỉnh'
		],
		retired('dang-uy-cac-co-quan-dang-tinh')
	),
	e('ban-to-chuc-tinh-uy', 'Ban Tổ chức Tỉnh ủy', 'provincial', ['BTC Tỉnh ủy']),
	e('ban-tuyen-giao-tinh-uy', 'Ban Tuyên giáo Tỉnh ủy', 'provincial', [], retired('ban-tuyen-giao-va-dan-van-tinh-uy')),
	e('ban-dan-van-tinh-uy', 'Ban Dân vận Tỉnh ủy', 'provincial', [], retired('ban-tuyen-giao-va-dan-van-tinh-uy')),
	e('ban-tuyen-giao-va-dan-van-tinh-uy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'provincial', [], { validFrom: MERGE_2025 }),
	e('ban-noi-chinh-tinh-uy', 'Ban Nội chính Tỉnh ủy', 'provincial', []),
	e('ban-kinh-te-tinh-uy', 'Ban Kinh tế Tỉnh ủy', 'provincial', []),
	e('uy-ban-kiem-tra-tinh-uy', 'Ủy ban Kiểm tra Tỉnh ủy', 'provincial', ['UBKT Tỉnh ủy']),
	e('van-phong-tinh-uy', 'Văn phòng Tỉnh ủy', 'provincial', ['VP Tỉnh ủy']),
	e('dang-uy-khoi-co-quan-tinh', 'Đảng ủy Khối các cơ quan tỉnh', 'provincial', ['Đảng ủy khối các cơ quan tỉnh'], retired('dang-uy-cac-co-quan-dang-tinh')),
	e('dang-uy-khoi-doanh-nghiep-tinh', 'Đảng ủy Khối Doanh nghiệp tỉnh', 'provincial', ['Đảng ủy khối doanh nghiệp tỉnh'], retired('dang-uy-ubnd-tinh')),
	e('dang-uy-cac-co-quan-dang-tinh', 'Đảng ủy các cơ quan Đảng tỉnh', 'provincial', [], { validFrom: MERGE_2025 }),
	e('dang-uy-ubnd-tinh', 'Đảng ủy UBND tỉnh', 'provincial', [], { validFrom: MERGE_2025 }),
	e('dang-uy-quan-su-tinh', 'Đảng ủy Quân sự tỉnh', 'provincial', []),
	e('dang-uy-cong-an-tinh', 'Đảng ủy Công an tỉnh', 'provincial', []),
	e('dang-uy-bien-phong-tinh', 'Đảng ủy Bộ đội Biên phòng tỉnh', 'provincial', ['Đảng ủy Bộ Chỉ huy Bộ đội Biên phòng tỉnh']),
	// — Provincial leaders, by title (names follow in the text) —
	e('chu-tich-ubnd-tinh', 'Chủ tịch UBND tỉnh', 'leader', ['Chủ tịch Ủy ban nhân dân tỉnh']),
	e('pho-chu-tich-ubnd-tinh', 'Phó Chủ tịch UBND tỉnh', 'leader', ['Phó Chủ tịch Ủy ban nhân dân tỉnh', 'PCT UBND tỉnh']),
	// — Central government —
	e('chinh-phu', 'Chính phủ', 'authority', []),
	e('thu-tuong', 'Thủ tướng Chính phủ', 'leader', ['Thủ tướng']),
	e('pho-thu-tuong', 'Phó Thủ tướng Chính phủ', 'leader', ['Phó Thủ tướng']),
	e('van-phong-chinh-phu', 'Văn phòng Chính phủ', 'central', ['VPCP']),
	e('bo-cong-an', 'Bộ Công an', 'ministry', ['BCA']),
	e('bo-quoc-phong', 'Bộ Quốc phòng', 'ministry', ['BQP']),
	e('bo-ngoai-giao', 'Bộ Ngoại giao', 'ministry'),
	e('bo-noi-vu', 'Bộ Nội vụ', 'ministry'),
	e('bo-tu-phap', 'Bộ Tư pháp', 'ministry'),
	e('bo-tai-chinh', 'Bộ Tài chính', 'ministry', ['BTC']),
	e('bo-cong-thuong', 'Bộ Công Thương', 'ministry', ['Bộ Công thương']),
	e('bo-nong-nghiep-va-moi-truong', 'Bộ Nông nghiệp và Môi trường', 'ministry', ['Bộ NN&MT'], {
		validFrom: MERGE_2025
	}),
	e('bo-xay-dung', 'Bộ Xây dựng', 'ministry'),
	e('bo-van-hoa-the-thao-va-du-lich', 'Bộ Văn hóa, Thể thao và Du lịch', 'ministry', ['Bộ VHTTDL', 'Bộ Văn hóa Thể thao và Du lịch']),
	e('bo-khoa-hoc-va-cong-nghe', 'Bộ Khoa học và Công nghệ', 'ministry', ['Bộ KH&CN', 'Bộ KHCN']),
	e('bo-giao-duc-va-dao-tao', 'Bộ Giáo dục và Đào tạo', 'ministry', ['Bộ GD&ĐT', 'Bộ GDĐT']),
	e('bo-y-te', 'Bộ Y tế', 'ministry'),
	e('bo-dan-toc-va-ton-giao', 'Bộ Dân tộc và Tôn giáo', 'ministry', [], { validFrom: MERGE_2025 }),
	e('ngan-hang-nha-nuoc', 'Ngân hàng Nhà nước Việt Nam', 'ministry', ['Ngân hàng Nhà nước', 'NHNN']),
	e('thanh-tra-chinh-phu', 'Thanh tra Chính phủ', 'ministry'),
	e('kiem-toan-nha-nuoc', 'Kiểm toán nhà nước', 'central', ['Kiểm toán Nhà nước']),
	e('bo-ke-hoach-va-dau-tu', 'Bộ Kế hoạch và Đầu tư', 'ministry', ['Bộ KH&ĐT', 'Bộ KHĐT'], retired('bo-tai-chinh')),
	e('bo-tai-nguyen-va-moi-truong', 'Bộ Tài nguyên và Môi trường', 'ministry', ['Bộ TN&MT', 'Bộ TNMT'], retired('bo-nong-nghiep-va-moi-truong')),
	e(
		'bo-nong-nghiep-va-ptnt',
		'Bộ Nông nghiệp và Phát triển nông thôn',
		'ministry',
		['Bộ NN&PTNT', 'Bộ Nông nghiệp và PTNT'],
		retired('bo-nong-nghiep-va-moi-truong')
	),
	e('bo-giao-thong-van-tai', 'Bộ Giao thông vận tải', 'ministry', ['Bộ GTVT'], retired('bo-xay-dung')),
	e('bo-thong-tin-va-truyen-thong', 'Bộ Thông tin và Truyền thông', 'ministry', ['Bộ TT&TT', 'Bộ TTTT'], retired('bo-khoa-hoc-va-cong-nghe')),
	e(
		'bo-lao-dong-tb-xh',
		'Bộ Lao động - Thương binh và Xã hội',
		'ministry',
		['Bộ LĐTBXH', 'Bộ LĐ-TB&XH', 'Bộ Lao động, Thương binh và Xã hội'],
		retired('bo-noi-vu')
	),
	e('uy-ban-dan-toc', 'Ủy ban Dân tộc', 'ministry', [], retired('bo-dan-toc-va-ton-giao')),
	// — Central bodies the Government Office's notices charge —
	e('bao-hiem-xa-hoi-viet-nam', 'Bảo hiểm xã hội Việt Nam', 'central', ['BHXH Việt Nam', 'BHXHVN']),
	e('ngan-hang-chinh-sach-xa-hoi', 'Ngân hàng Chính sách xã hội', 'central', ['NHCSXH', 'Ngân hàng Chính sách xã hội Việt Nam']),
	e('ngan-hang-phat-trien', 'Ngân hàng Phát triển Việt Nam', 'central', ['VDB']),
	e('thong-tan-xa', 'Thông tấn xã Việt Nam', 'central', ['TTXVN']),
	e('dai-truyen-hinh-vn', 'Đài Truyền hình Việt Nam', 'central', ['VTV']),
	e('dai-tieng-noi-vn', 'Đài Tiếng nói Việt Nam', 'central', ['VOV']),
	e('vien-han-lam-khxh', 'Viện Hàn lâm Khoa học xã hội Việt Nam', 'central'),
	e('vien-han-lam-khcn', 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 'central'),
	e('dhqg-ha-noi', 'Đại học Quốc gia Hà Nội', 'central', ['ĐHQGHN']),
	e('dhqg-tphcm', 'Đại học Quốc gia Thành phố Hồ Chí Minh', 'central', ['Đại học Quốc gia TP. Hồ Chí Minh', 'ĐHQG-HCM']),
	e('hoc-vien-ctqg', 'Học viện Chính trị quốc gia Hồ Chí Minh', 'central'),
	e('toa-an-toi-cao', 'Tòa án nhân dân tối cao', 'central', ['TANDTC']),
	e('vien-kiem-sat-toi-cao', 'Viện kiểm sát nhân dân tối cao', 'central', ['VKSNDTC']),
	e('ubtw-mttq', 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'central', ['Ủy ban Trung ương MTTQ Việt Nam']),
	e('evn', 'Tập đoàn Điện lực Việt Nam', 'central', ['EVN']),
	e('pvn', 'Tập đoàn Dầu khí Việt Nam', 'central', ['Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam', 'Petrovietnam']),
	e('vnr', 'Tổng công ty Đường sắt Việt Nam', 'central'),
	e('vec', 'Tổng công ty Đầu tư phát triển đường cao tốc Việt Nam', 'central', ['VEC']),
	e('ub-giam-sat-tai-chinh', 'Ủy ban Giám sát tài chính Quốc gia', 'central', [], retired('bo-tai-chinh')),
	// — Bodies that decide or receive at the centre, never charged by a notice —
	e('quoc-hoi', 'Quốc hội', 'authority', ['Ủy ban Thường vụ Quốc hội']),
	e('bo-chinh-tri', 'Bộ Chính trị', 'authority', ['Ban Bí thư', 'Ban Chấp hành Trung ương']),
	e('uy-ban-quan-ly-von', 'Ủy ban Quản lý vốn nhà nước tại doanh nghiệp', 'central', [], retired('bo-tai-chinh'))
];

/** The directory used when the caller passes none. */
export const DEFAULT_DIRECTORY: AgencyDirectory = { version: 'builtin-2026.1', entries: ENTRIES };

/** Error thrown when an edited directory does not have the expected shape. */
export class DirectoryError extends Error {
	/** Stable machine-readable reason. */
	readonly reason = 'invalid-directory' as const;
}

/**
 * Validates an administrator-edited directory (parsed JSON) and returns it typed.
 * Throws {@link DirectoryError} naming the first bad entry.
 */
export function parseDirectory(data: unknown): AgencyDirectory {
	if (typeof data !== 'object' || data === null) throw new DirectoryError('Danh mục không hợp lệ');
	const { version, entries } = data as { version?: unknown; entries?: unknown };
	if (typeof version !== 'string' || !Array.isArray(entries)) throw new DirectoryError('Danh mục thiếu "version" hoặc "entries"');
	const ids = new Set<string>();
	entries.forEach((raw: unknown, i) => {
		const x = raw as Partial<AgencyEntry>;
		if (typeof x?.id !== 'string' || typeof x.name !== 'string' || !x.name.trim()) throw new DirectoryError(`Mục ${i}: thiếu id hoặc tên`);
		if (!AGENCY_KINDS.includes(x.kind as AgencyKind)) throw new DirectoryError(`Mục ${x.id}: loại "${String(x.kind)}" không hợp lệ`);
		if (ids.has(x.id)) throw new DirectoryError(`Mục ${x.id}: trùng id`);
		ids.add(x.id);
	});
	const { nonTasks } = data as { nonTasks?: unknown };
	if (nonTasks !== undefined && !(Array.isArray(nonTasks) && nonTasks.every((p) => typeof p === 'string')))
		throw new DirectoryError('Danh sách câu không phải nhiệm vụ không hợp lệ');
	return data as AgencyDirectory;
}
