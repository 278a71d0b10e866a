import type { DemoPostKind } from './corpus.ts';

/** One post's worth of drawn slot values; every template reads only what it needs. */
export interface Slots {
  town: string;
  townGov: string; // 河口镇政府 / 青禾街道办事处 / 新城工业园区管委会
  village: string; // 村 for 乡镇, 社区 for 街道 and 园区
  school: string;
  site: string; // 安置房项目 / 县道改建工程
  building: string; // always a building project, for 塔吊 / 楼顶 stories
  builder: string; // a building contractor
  siteCompany: string;
  siteJob: string;
  developer: string;
  shop: string; // 电子厂
  shopCompany: string;
  shopJob: string;
  here: string; // how a worker refers to the shop: 厂里 / 店里 / 学校
  foreman: string; // 包工头老王
  surname: string;
  relative: string; // 我爸 / 我老公
  owed: string; // one person's arrears: 4500元 / 三万多块
  total: string; // what the `workers` are owed together: 32万余元
  recovered: string; // county-wide statistics: 1268.5万元
  workers: number;
  crowd: string; // a rough head count for a crowd: 二十多 / 30多
  crew: string; // 五六个人 / 十几个工友, matching workers
  months: string; // 8个月 / 大半年
  since: string; // 去年10月
  date: string; // 11月26日
  phone: string; // already masked: 139****2871
  checked: number;
  cases: number;
  units: number;
  smallN: number;
  bigN: number;
  salary: number;
  raise: number;
  minWage: number;
  year: number;
  temp: number;
  food: string;
  road: string;
  festival: string;
  course: string;
  product: string;
}

type Render = (s: Slots) => readonly [title: string, text: string];
export interface Template {
  authors: readonly string[];
  render: Render;
}
const t = (authors: readonly string[], render: Render): Template => ({ authors, render });

// biome-ignore format: packed lists and one template per two lines keep the data scannable
const NET: readonly string[] = [
  '想回家过年的老李', '工地搬砖人', '打工人阿强', '钢筋工老周', '风雨兼程2019', '平凡之路_88', '小鱼儿爱吃鱼',
  '东湖吃货小分队', '一只小土豆', '青禾老陈', '河口二哥', '石桥边的风', '柳林小妹', '马坊老刘', '白沙浪花',
  '龙泉山下', '新城打工仔', '在外漂泊的人', '农民工兄弟', '泥瓦匠小吴', '老实人张师傅', '开挖机的老杨',
  '宝妈日记', '二胖的妈妈', '夜班保安', '秋天的落叶', '奔跑的蜗牛', '城关吃瓜群众', '不想上班的周一',
  '阳光总在风雨后', '路过的网友', '本地通小王', '追风少年', '晴天娃娃', '老乡别走', '努力搬砖中', '晚风',
  '木子李', '大山里的孩子', '回不去的故乡',
];
const LABOUR = ['县人社局', '县劳动保障监察大队', '县融媒体中心', '县人民政府网'] as const;
const POLICE = ['县公安局', '县网信办', '县融媒体中心'] as const;
const NEWS = ['县融媒体中心', '县广播电视台', '掌上县城', '县城生活圈'] as const;

// biome-ignore format: see NET
const complaint: readonly Template[] = [
  t(NET, (s) => [`求助！${s.town}${s.site}欠我们${s.crew}工资`,
    `我们是在${s.town}${s.site}干活的${s.siteJob}，从${s.since}干到现在，${s.foreman}一直说甲方没拨款，一分钱没结。${s.crew}加起来被欠了${s.total}，家里孩子要交学费，老人要看病，实在没办法了，求扩散，求有关部门管一管！`]),
  t(NET, (s) => [`${s.relative}在工地干了${s.months}，一分钱没拿到`,
    `${s.relative}在${s.town}${s.village}附近的${s.site}做${s.siteJob}，干了${s.months}，说好年底结账，现在${s.foreman}电话不接、人也找不到，${s.relative}一个人就被欠了${s.owed}。眼看要过年了，家里等着这钱用，@县融媒体中心 @县人社局 求帮忙！`]),
  t(NET, (s) => [`${s.town}${s.shop}拖欠工资${s.months}了`,
    `在${s.town}的${s.shopCompany}上班，做${s.shopJob}，${s.here}从${s.since}开始就说资金紧张，工资一拖再拖，到现在欠了我${s.owed}。问财务就说等等，问老板就说没钱，${s.crew}都一样。有没有懂的朋友说说该去哪里反映？`]),
  t(NET, (s) => [`反映${s.siteCompany}拖欠农民工工资问题`,
    `本人系${s.site}${s.siteJob}班组负责人，带${s.workers}名工人在${s.town}${s.village}施工，工程已于${s.date}前完工，${s.siteCompany}至今拖欠我班组劳务费${s.total}。多次找项目部协商无果，恳请相关部门督促支付。联系电话${s.phone}。`]),
  t(NET, (s) => [`有没有在${s.town}${s.site}干过的？工资结了没`,
    `我们${s.crew}在${s.town}那个工地干了${s.months}${s.siteJob}，按天算的，说好完工就结。现在工程都快收尾了，${s.foreman}天天推，说等上面拨款。问了一圈，好几个班组都没拿到钱。有一样情况的兄弟留个言，大家一起想办法。`]),
  t(NET, (s) => [`干了${s.months}，${s.owed}工钱要不回来`,
    `#${s.town}欠薪# 在${s.site}干了${s.months}，${s.siteCompany}欠我们${s.crew}工资${s.total}，我自己就有${s.owed}。找项目经理，说是劳务公司的事；找劳务公司，说是总包没给钱。皮球踢来踢去，我们农民工到底该找谁？求扩散！`]),
  t(NET, (s) => [`${s.town}求助：老公的${s.owed}工钱要不回来`,
    `我老公跟着${s.foreman}在${s.town}${s.site}做${s.siteJob}，${s.since}进场，一直干到上个月。工钱一共${s.owed}，只给过两次生活费。现在${s.foreman}说老板没给他钱，他也没办法。家里两个孩子上学，房贷也压着，真的走投无路了，求好心人指条路。`]),
  t(NET, (s) => [`${s.town}一家${s.shop}老板欠员工工资不给`,
    `我在${s.town}${s.shopCompany}开的${s.shop}做${s.shopJob}，前前后后干了${s.months}，老板只发了第一个月的，后面一直拖。一起干的${s.crew}都被欠着，少的几千，多的一万多，我这边是${s.owed}。去问就说生意不好等等，再问就让我们走人。`]),
  t(NET, (s) => [`${s.site}的工钱到底什么时候给？`,
    `${s.date}，我们又去${s.siteCompany}项目部要钱，还是没人管。我们${s.workers}个人在${s.town}干了${s.months}，脏活累活都是我们干的，工程都验收了，${s.total}的工钱一直拖着。项目经理说过完年再说，我们等不起啊！`]),
  t(NET, (s) => [`六十多岁的父亲被欠${s.owed}工钱`,
    `我爸今年六十多了，在${s.town}${s.village}给人盖房子、干零活，跟着${s.foreman}干了${s.months}，结账的时候说先欠着。现在人家一见他就躲，欠条也不肯打。老人家不会用手机，我替他发个帖，希望能有人帮帮忙，联系方式${s.phone}。`]),
  t(NET, (s) => [`${s.siteCompany}欠钱不还，还有天理吗`,
    `之前在他家${s.town}${s.site}干${s.siteJob}的工钱到现在还欠着，我们${s.crew}，合计${s.total}。劳务合同写得清清楚楚，完工后一个月内付清，结果一拖就是${s.months}。打电话过去不是在开会就是在外地，这次打算去劳动监察投诉了，有经验的朋友说说流程。`]),
  t(NET, (s) => [`@县人社局 ${s.town}${s.site}欠薪求处理`,
    `@县人社局 @县融媒体中心 ${s.town}${s.site}拖欠${s.workers}名农民工工资${s.total}，最长的从${s.since}就没发过。工人们天天去项目部等，没人给个说法。马上就要过年了，大家都想拿钱回家，恳请领导关注！`]),
  t(NET, (s) => [`${s.shopCompany}欠薪还停了社保`,
    `${s.town}${s.shopCompany}从${s.since}开始只发一半工资，后来干脆不发了，社保也停了。我在${s.here}做${s.shopJob}，算下来被欠了${s.owed}。现在还在正常开工，就是不给钱，说等资金回笼。同事们都在观望，不敢走，走了怕钱更拿不到。`]),
  t(NET, (s) => [`装修干完活，${s.owed}尾款讨不到`,
    `在${s.town}${s.village}跟着${s.foreman}干装修，水电、贴砖都干完了，${s.months}的工钱只给了一小半，剩下${s.owed}一直拖。他说业主没给钱，可业主说早就结清了。我们${s.crew}出来打工不容易，这是血汗钱，求大家帮出出主意。`]),
  t(NET, (s) => [`${s.site}拖欠挖机台班费和司机工资`,
    `我是开挖机的，在${s.town}${s.site}干了${s.months}，台班费加司机工资一共${s.owed}没结。同一个工地还有几个开渣土车的师傅也是这样。${s.siteCompany}说资金链紧张，让我们再等等，可油钱、车贷每个月都要还，真的撑不下去了。`]),
  t(NET, (s) => [`离职${s.months}，${s.shop}还欠我工资`,
    `之前在${s.town}${s.shopCompany}做${s.shopJob}，${s.since}离职，走的时候说好下个月发，结果到现在还欠我${s.owed}。打电话说财务在走流程，发微信直接不回。听说跟我一样的还有${s.crew}。这种情况可以去劳动仲裁吗？在线等，挺急的。`]),
  t(NET, (s) => [`${s.town}${s.site}工人：钱不给，年怎么过`,
    `又是一年年底，我们${s.crew}在${s.town}${s.site}从${s.since}干到现在，钱没拿到手。${s.foreman}带我们来的时候拍胸脯说月月结，后来变成季度结，现在变成完工结。工人们都是${s.village}和外地来的，有的连吃饭都要赊账了。`]),
  t(NET, (s) => [`替${s.relative}发帖：${s.site}欠薪${s.owed}`,
    `${s.relative}不会上网，我替他说一下。${s.since}起他在${s.town}${s.site}干${s.siteJob}，每天早上六点上工，干到天黑。${s.siteCompany}只发过一次生活费，现在还欠他${s.owed}，同班组${s.crew}情况都差不多。求媒体关注，求扩散，电话${s.phone}。`]),
];

// biome-ignore format: see NET
const massGathering: readonly Template[] = [
  t(NET, (s) => [`${s.town}${s.building}门口聚了一群讨薪工人`,
    `刚路过${s.town}${s.building}，大门口聚了${s.crowd}个工人，拉着横幅写着“还我血汗钱”，把进出的车都堵住了。听旁边的人说是${s.builder}欠了他们${s.months}的工资，一共${s.total}。现场有民警在维持秩序。`]),
  t(NET, (s) => [`${s.townGov}门口来了好多讨薪的`,
    `今天上午${s.townGov}门口来了${s.crowd}人，举着“农民工要吃饭，要工资”的牌子，说是${s.site}的工人，被欠了${s.total}。大家坐在台阶上不肯走，工作人员出来劝了好几次，中午还有人送了盒饭。`]),
  t(NET, (s) => [`${s.developer}售楼部被讨薪工人围了`,
    `${s.town}${s.developer}的售楼部门口今天站满了人，都是给他们盖楼的工人，拉了条十几米长的横幅“拖欠农民工工资${s.total}，还我血汗钱”。看房的客户都进不去，保安也不敢拦。听说这个楼盘欠了好几个班组的钱。`]),
  t(NEWS, (s) => [`${s.building}大门被堵，工人称被欠薪${s.months}`,
    `${s.date}一早，${s.crowd}名工人把${s.town}${s.building}的大门堵上了，不让搅拌车进出，称${s.builder}不结清工资就不让开工。现场拉着横幅，有人用喇叭喊话。截至发稿，项目部尚未回应。`]),
  t(NET, (s) => [`${s.crowd}名工人在县政府门口集体讨薪`,
    `今天上午县政府门口聚集了${s.crowd}名工人，拉着横幅，说是${s.site}的，${s.siteCompany}拖欠他们工资${s.total}，已经${s.months}了。有人说找了好几个部门都没结果，只能来这里。信访局的工作人员出来接待，让他们派代表进去谈。`]),
  t(NET, (s) => [`${s.shopCompany}员工集体停工讨薪`,
    `${s.town}${s.shopCompany}的员工今天集体停工，${s.crowd}人聚在${s.shop}门口，说老板已经${s.months}没发工资了。有人举着写着“还我工资”的纸板，还有人在拍视频直播。门口的路都堵了，派出所的人已经到了。`]),
  t(NET, (s) => [`今天${s.town}${s.village}路口是不是有人拉横幅讨薪？`,
    `下午去${s.town}办事，看见${s.village}路口一堆人拉横幅，写着“${s.siteCompany}还我血汗钱”，估计得有${s.crowd}个人。有知道怎么回事的吗？听说是${s.site}的工钱一直没结，年底了大家都着急。`]),
  t(NET, (s) => [`${s.workers}个工友今天一起去${s.site}项目部讨工钱`,
    `我们${s.workers}个人今天一起去${s.town}${s.site}项目部讨工钱，把办公室门口都坐满了，项目经理躲在里面不出来。${s.total}的工资拖了${s.months}，今天不给个说法我们就不走了，大家商量好晚上就在这打地铺。`]),
  t(NET, (s) => [`${s.town}一${s.shop}关门，员工堵门讨薪`,
    `${s.town}一家${s.shop}突然关门，${s.crowd}名员工堵在门口讨要工资，有员工说老板欠了大家${s.months}的工资，每人几千到一万多不等。门上贴着“停业整顿”，大家拉起横幅“还我辛苦钱”，一直等到晚上还没见到老板。`]),
];

// biome-ignore format: see NET
const extreme: readonly Template[] = [
  t(NET, (s) => [`${s.town}一工人爬上塔吊讨薪`,
    `${s.town}${s.building}有个工人爬到塔吊上面了，站在最上面不下来，下面围了好多人。听说是被欠了${s.owed}工钱，找了${s.months}都没要到。消防和派出所都来了，正在喊话劝他下来，太危险了。`]),
  t(NEWS, (s) => [`男子爬上${s.building}楼顶扬言跳楼讨薪`,
    `${s.date}下午，${s.town}${s.building}一名男子爬上在建楼顶，站在边缘扬言不给工钱就跳下去。据现场工友说，他被${s.foreman}拖欠了${s.owed}工资。目前消防救援人员已在楼下铺设气垫，民警正在劝说。`]),
  t(NET, (s) => [`工人拦路讨薪，${s.town}这条路堵了一上午`,
    `今天上午${s.town}${s.village}路口的县道被堵了，${s.crowd}个工人把几辆工程车横在路中间，说${s.site}欠他们工资${s.total}，不给钱就不让车过。来往车辆排了好长的队，交警过来疏导了很久。`]),
  t(NET, (s) => [`工友拿着农药去项目部讨薪，${s.town}求关注`,
    `我们一个工友今天拿着一瓶农药去${s.town}${s.siteCompany}项目部，说再不给钱就喝下去，被大家拦下来了。他被欠了${s.owed}，老婆在医院等着交住院费。我们${s.crew}的钱也都没结，真怕出事，求有关部门赶紧介入！`]),
  t(NET, (s) => [`${s.building}塔吊上挂出讨薪横幅`,
    `${s.town}${s.building}的塔吊上今天挂出一条横幅“还我血汗钱”，有两名工人爬上去坐在吊臂上，已经三个多小时了。下面的工友说，${s.builder}欠了大家${s.months}的工钱，总共${s.total}。现场拉起了警戒线。`]),
  t(NET, (s) => [`${s.town}桥上有人翻到护栏外讨工钱`,
    `${s.town}的大桥上刚才有个男的翻到护栏外面，手里举着一张写着“欠薪${s.owed}”的纸，说是在${s.site}干活的。过往车辆都停了下来，派出所民警和他家人正在劝，希望别出事。`]),
  t(NEWS, (s) => [`讨薪工人躺在${s.site}进场路上拦车`,
    `${s.date}，${s.town}${s.site}附近，几名工人躺在进场道路上，拦住运输车辆，称拖欠的${s.total}工资不给就不起来。有人拍了视频发到网上。属地干部和民警已赶到现场协调。`]),
  t(NET, (s) => [`${s.shop}员工爬上楼顶讨薪`,
    `${s.town}${s.shopCompany}的一个${s.shopJob}今天爬上了楼顶，说老板欠了他${s.owed}，不给就跳。下面站满了同事，都在喊他下来。听说${s.here}已经${s.months}没发过工资了，大家心里都憋着火。`]),
  t(NET, (s) => [`有人提着汽油桶到${s.site}项目部讨薪`,
    `${s.town}${s.site}项目部今天差点出大事，一个${s.siteJob}提着汽油桶进了办公室，说${s.foreman}欠他${s.owed}拖了${s.months}，今天不给就点火。幸亏民警来得快，把人劝住了。`]),
];

// biome-ignore format: see NET
const criminal: readonly Template[] = [
  t(NET, (s) => [`${s.siteCompany}老板跑路了，欠我们${s.total}`,
    `${s.town}${s.site}的老板跑路了！电话关机，微信拉黑，办公室都搬空了。我们${s.crew}干了${s.months}，工钱${s.total}一分没给。听说他把工地的钢材和设备都偷偷拉走卖了，这是要赖账到底啊，大家帮忙扩散。`]),
  t(NET, (s) => [`${s.town}${s.shop}老板卷款失联`,
    `${s.town}${s.shopCompany}的老板${s.surname}总已经失联一个多星期了，手机一直关机，${s.here}的设备被人连夜拉走。我们${s.crowd}个员工的工资还欠着，加起来有${s.total}。已经去派出所报案了，警察说会调查。`]),
  t(['县公安局', '县融媒体中心'], (s) => [`涉嫌拒不支付劳动报酬，${s.surname}某被刑拘`,
    `近日，县公安局根据县人社局移送的线索，依法对涉嫌拒不支付劳动报酬罪的${s.surname}某采取刑事强制措施。经查，${s.surname}某承包${s.town}${s.site}后，在有能力支付的情况下，以转移财产、逃匿等方式拖欠${s.workers}名农民工工资${s.total}。案件正在进一步侦办中。`]),
  t(NET, (s) => [`讨薪反被打，${s.town}工友头上缝了八针`,
    `昨天我们去${s.siteCompany}找老板要工钱，他叫了几个人出来，二话不说就动手，我一个工友头上缝了八针，现在还在${s.town}卫生院躺着。${s.owed}的工钱没要到，还挨了一顿打，已经报警了，希望警方严惩打人的！`]),
  t(NET, (s) => [`包工头转移财产躲债，${s.crew}工钱没着落`,
    `${s.foreman}把${s.site}的工程款领走以后就不见人了，听说房子车子都过户到亲戚名下。我们${s.crew}在${s.town}干了${s.months}，欠薪${s.total}。这种有钱不给、转移财产的，是不是已经涉嫌犯罪了？求懂法的朋友指点。`]),
  t(LABOUR, (s) => [`${s.siteCompany}欠薪逃匿案移送公安`,
    `县劳动保障监察大队在处理${s.town}${s.site}欠薪投诉时发现，该项目劳务分包负责人${s.surname}某在收到工程款后逃匿，拖欠${s.workers}名工人工资${s.total}。经责令限期支付后仍拒不支付，县人社局已依法将案件移送公安机关。`]),
  t(NET, (s) => [`去${s.shop}要工资，被威胁“再来就打断腿”`,
    `去${s.town}${s.shopCompany}要工资，老板找了几个社会上的人堵在门口，说再来闹就打断腿。我们${s.crew}被欠了${s.months}工资，一共${s.total}，现在连门都进不去。还有没有王法了？视频已经保存，准备报警。`]),
  t(NET, (s) => [`${s.developer}老板疑似跑路，${s.town}楼盘停工`,
    `${s.town}${s.developer}开发的楼盘已经停工一个多月，老板联系不上，售楼部也关了门。施工方说开发商欠工程款，工人工资${s.total}跟着被拖。有人看到公司的车半夜被开走，大家都怀疑老板把钱转走准备跑路了。`]),
];

// biome-ignore format: see NET
const resolved: readonly Template[] = [
  t(LABOUR, (s) => [`${s.town}${s.workers}名农民工拿回被拖欠工资`,
    `近日，在县人社局协调下，${s.town}${s.site}${s.workers}名农民工拿到了被拖欠的工资${s.total}。此前，工人们通过12345热线反映欠薪问题，县劳动保障监察大队当天介入调查，约谈施工企业负责人，督促其筹措资金足额发放。`]),
  t(NET, (s) => [`感谢劳动监察，拖了${s.months}的工钱拿到了`,
    `我们${s.crew}在${s.site}的工钱拖了${s.months}，上个月打了12345，没想到第二天就有人来了解情况。今天${s.siteCompany}把钱一次性打到了每个人卡上，我拿到了${s.owed}。给${s.town}劳动保障所的同志点个赞，能安心回家过年了！`]),
  t(LABOUR, (s) => [`${s.town}：${s.total}欠薪全部发放到位`,
    `${s.date}，${s.town}${s.site}欠薪问题得到解决，${s.total}工资已全部发放到农民工个人账户。据了解，该项目因总包单位资金周转困难导致工资拖欠，${s.townGov}联合县人社局多次协调，最终动用工资保证金先行垫付。`]),
  t(LABOUR, (s) => [`不用再讨薪了，${s.town}${s.shop}员工领到工资`,
    `“以前年底都要到处讨薪，今年不用了。”${s.date}，${s.town}${s.shopCompany}的${s.workers}名员工领到了被拖欠${s.months}的工资。据介绍，县人社局接到投诉后依法下达限期整改指令书，企业在期限内补发了全部工资${s.total}。`]),
  t(LABOUR, (s) => [`仲裁调解，${s.workers}名工人追回欠薪${s.total}`,
    `县劳动人事争议仲裁院近日成功调解一起集体欠薪案件。${s.town}${s.siteCompany}拖欠${s.workers}名工人工资${s.total}，仲裁员开通绿色通道，当天受理当天调解，双方当场达成协议，款项已于${s.date}全部到账。`]),
  t(NET, (s) => [`更新：${s.site}的工钱结清了`,
    `前段时间我在这里发帖说${s.site}欠我们工资，很多人帮忙转发，谢谢大家。后来${s.town}的干部和劳动监察一起去项目部谈了好几次，今天${s.foreman}把${s.crew}的工钱都结清了，我的${s.owed}也到账了。特地来说一声，事情已经解决。`]),
  t(['县司法局', '县融媒体中心'], (s) => [`法律援助帮${s.workers}名农民工讨回${s.total}`,
    `县法律援助中心近日为${s.town}${s.site}的${s.workers}名农民工提供法律援助，通过诉前调解帮助工人讨回被拖欠的工资${s.total}。援助律师介绍，工人们保存了考勤记录和聊天截图，为维权提供了关键证据。`]),
  t(['县总工会', '县融媒体中心'], (s) => [`工会出面，${s.shopCompany}补发欠薪`,
    `县总工会接到${s.town}${s.shopCompany}职工求助后，及时与企业沟通协商，企业已于${s.date}补发拖欠的${s.workers}名职工工资共计${s.total}，并承诺今后按月足额发放。职工代表专门送来锦旗表示感谢。`]),
  t(NEWS, (s) => [`“娘家人”帮讨薪：${s.town}欠薪清零记`,
    `从${s.since}开始，${s.town}${s.site}的${s.workers}名工人多次讨薪无果。${s.townGov}得知后成立工作专班，逐人核对考勤和工资表，督促${s.siteCompany}分批支付，${s.date}最后一笔${s.total}到账，欠薪全部清零。`]),
  t(LABOUR, (s) => [`${s.town}：春节前${s.workers}名农民工工资全部结清`,
    `${s.date}，在${s.town}${s.site}工资发放现场，${s.workers}名农民工排队签字领取工资。该项目曾因工程款结算争议出现欠薪苗头，${s.townGov}提前介入，督促总包单位通过工资专户代发，共发放${s.total}。`]),
  t(NET, (s) => [`跑了${s.months}，${s.owed}工钱今天终于拿到了`,
    `说出来不怕大家笑话，为了这${s.owed}，我跑了${s.months}。上周在网上提交了线索，县里劳动监察的同志打电话问了情况，没几天${s.siteCompany}就通知我们去领钱。${s.town}一起干活的${s.crew}都拿到了，谢谢政府。`]),
];

// biome-ignore format: see NET
const policy: readonly Template[] = [
  t(LABOUR, (s) => [`${s.date}县召开根治欠薪冬季专项行动部署会`,
    `${s.date}，县根治拖欠农民工工资工作领导小组召开冬季专项行动部署会。会议要求，各乡镇、各部门要对${s.checked}个在建工程项目开展全面排查，紧盯工程建设、加工制造、餐饮服务等重点领域，确保春节前农民工工资基本无拖欠。举报投诉电话：12345。`]),
  t(LABOUR, (s) => [`欠薪专项检查：全县检查在建项目${s.checked}个`,
    `近日，县人社局联合住建、交通、水利等部门，对全县在建工程项目开展欠薪问题专项检查，共检查项目${s.checked}个、用人单位${s.bigN}家，发现问题${s.cases}个，已督促整改。下一步将开展“回头看”，对恶意欠薪行为依法从严查处。`]),
  t(LABOUR, (s) => [`${s.town}公布根治欠薪举报投诉渠道`,
    `为切实保障农民工合法权益，${s.town}自${s.date}起公布欠薪问题举报投诉渠道：拨打12345政务服务热线，或到${s.townGov}劳动保障所现场反映。对反映的欠薪线索，做到当天登记、三天内核实、限期办结，目前已受理线索${s.smallN}条。`]),
  t(NEWS, (s) => [`${s.surname}律师提醒：工资被拖欠，这样依法维权`,
    `${s.date}，遇到工资被拖欠怎么办？县法律援助中心${s.surname}律师接受采访时提醒，一是保存好劳动合同、考勤记录、工资条和聊天记录等证据；二是向劳动保障监察机构投诉或拨打12345；三是申请劳动仲裁。切勿采取爬塔吊、堵路等极端方式讨薪，以免触犯法律。`]),
  t(LABOUR, (s) => [`今年全县为${s.bigN}名农民工追发工资${s.recovered}`,
    `记者从县人社局获悉，今年以来全县共受理欠薪投诉${s.cases + 40}件，办结率100%，为${s.bigN}名农民工追发工资${s.recovered}。冬季专项行动开展以来，已排查在建项目${s.checked}个，立案查处${s.smallN}起，移送涉嫌拒不支付劳动报酬案件${s.units}起。`]),
  t(LABOUR, (s) => [`《保障农民工工资支付条例》宣传走进${s.town}`,
    `${s.date}，县人社局工作人员走进${s.town}${s.site}，开展《保障农民工工资支付条例》宣传活动，现场发放宣传资料，讲解实名制管理、工资专用账户、工资保证金等制度，并告诉工人遇到欠薪可拨打12345举报。`]),
  t(LABOUR, (s) => [`县公布${s.units}家拖欠农民工工资失信单位`,
    `县人社局${s.date}发布公告，将${s.units}家存在拖欠农民工工资行为、经责令仍拒不整改的用人单位列入失信联合惩戒对象名单，在政府采购、招投标、融资贷款等方面依法依规予以限制，并通过县政府网站向社会公示。`]),
  t(NEWS, (s) => [`${s.town}召开根治欠薪冬季攻坚推进会`,
    `${s.date}，${s.town}召开根治欠薪冬季攻坚推进会，通报辖区在建项目工资支付情况，对${s.checked}个在建项目逐一建立台账。会议强调，要落实属地责任，畅通讨薪渠道，对苗头性问题早发现、早处置，坚决防止因欠薪引发群体性事件。`]),
  t(LABOUR, (s) => [`${s.date}发布：签合同、留凭证，谨防欠薪`,
    `${s.date}，临近春节，县人社局提醒广大务工人员：进场务工要签订劳动合同，确认工资支付方式和时间；每月核对工资卡到账情况；发现欠薪苗头及时通过12345或全国根治欠薪线索反映平台小程序反映，不要轻信“先干活、年底一起结”的口头承诺。`]),
  t(LABOUR, (s) => [`全县${s.checked}个在建项目工资专户开户率达100%`,
    `截至${s.date}，全县${s.checked}个在建工程项目已全部开设农民工工资专用账户，${s.bigN}名建筑工人纳入实名制管理，工资由银行代发直接到卡。县人社局表示，将继续推进工资支付监控预警平台建设，从源头预防欠薪。`]),
  t(NEWS, (s) => [`${s.date}，人社局长接听12345答复讨薪诉求`,
    `${s.date}，县人社局主要负责人走进12345热线值班室，接听群众来电${s.smallN + 10}个，其中涉及讨薪、工资结算的咨询${s.smallN}个，均现场答复或转交监察大队限时办理。他表示，冬季专项行动期间热线欠薪诉求一律优先办理。`]),
  t(LABOUR, (s) => [`县住建局约谈${s.units}家施工企业，督促按时足额发放工资`,
    `${s.date}，县住建局联合县人社局约谈${s.units}家工资支付存在风险的施工企业负责人，要求严格落实工资专用账户、总包代发和维权信息公示制度，春节前完成工资结算，对出现欠薪的企业在招投标中予以扣分。`]),
  t(NEWS, (s) => [`${s.town}开展欠薪隐患“大排查”`,
    `${s.date}起，${s.town}组织劳动保障所和村（社区）干部，对辖区${s.smallN + 10}个在建项目、${s.units + 20}家企业开展欠薪隐患排查，逐一核对考勤表、工资表和银行代发记录，对发现的问题建立清单、限期销号。`]),
  t(LABOUR, (s) => [`${s.units}家企业被提高工资保证金缴存比例`,
    `${s.date}，县人社局对${s.units}家近两年发生过欠薪的施工企业提高工资保证金缴存比例，对连续无拖欠的企业予以减免。负责人表示，工资保证金是应急周转的“兜底钱”，确保发生欠薪时能第一时间先行垫付。`]),
  t(NEWS, (s) => [`检察机关支持起诉${s.cases}件，助力农民工讨薪`,
    `${s.date}，县检察院通报今年以来支持起诉工作：共受理农民工讨薪支持起诉申请${s.cases}件，涉及工人${s.cases * 6 + s.smallN}名。检察官提醒，遇到欠薪可先向劳动监察投诉，必要时可申请检察机关支持起诉。`]),
  t(LABOUR, (s) => [`${s.date}答网友：没签合同被欠薪怎么办？`,
    `网友问：在工地干活没签合同，老板拖欠工资怎么办？县人社局${s.date}答复：没有书面合同，也可以凭工友证言、考勤记录、转账记录、微信聊天等证明劳动关系，向劳动保障监察部门投诉或申请仲裁，也可拨打12345。`]),
  t(LABOUR, (s) => [`县根治欠薪领导小组召开第${s.smallN}次调度会`,
    `${s.date}，县根治欠薪工作领导小组召开第${s.smallN}次调度会，通报专项行动开展以来受理欠薪线索${s.cases + 30}条、已办结${s.cases + 24}条。会议要求对未办结线索挂牌督办，春节前全部清零。`]),
];

// biome-ignore format: see NET
const rumor: readonly Template[] = [
  t(POLICE, (s) => [`关于网传${s.town}工人讨薪视频的情况说明`,
    `近日，网络流传一段“${s.town}${s.site}工人爬楼讨薪”的视频。经核实，该视频系${s.year}年外地发生的旧事件，与我县无关。该项目目前工资发放正常，未发现拖欠情况。请广大网民不信谣、不传谣，对恶意编造传播者将依法追究责任。`]),
  t(LABOUR, (s) => [`网传${s.siteCompany}拖欠工资上千万，系谣言`,
    `${s.date}，有网民发帖称${s.siteCompany}拖欠农民工工资上千万元、老板已跑路。经县人社局调查核实，该公司在${s.town}承建的项目工资均已按月足额发放，负责人正常在岗，网传信息不实。发帖人已被依法批评教育。`]),
  t(POLICE, (s) => [`警情通报：${s.surname}某编造“讨薪跳楼”信息被处罚`,
    `${s.date}，网民${s.surname}某在短视频平台发布“${s.town}有工人讨薪不成跳楼”的信息，引发关注。经查，该信息系${s.surname}某为博取流量凭空编造。公安机关依法对其作出行政拘留5日的处罚。`]),
  t(LABOUR, (s) => [`关于“${s.shop}欠薪百万”网帖的回复`,
    `针对网帖反映${s.town}${s.shopCompany}欠薪百万一事，县人社局第一时间进行调查。经核实，该企业因订单调整部分岗位停工待岗，已依法支付停工期间生活费，不存在拖欠工资问题，网帖内容与事实不符。如有劳动争议可拨打12345反映。`]),
  t(NEWS, (s) => [`${s.townGov}：网传“数百工人围堵政府”不实`,
    `近日网上出现“数百名工人围堵政府讨薪”的说法。经核实，${s.date}上午确有${s.smallN}名工人到${s.townGov}咨询工程款结算事宜，经工作人员接待后已有序离开，不存在围堵情况，相关诉求正在依法处理。`]),
  t(NEWS, (s) => [`辟谣｜${s.town}${s.site}“欠薪停工”不属实`,
    `${s.date}，有网民称${s.town}${s.site}因拖欠工人工资已全面停工。记者实地走访看到，项目现场施工正常，工人们表示工资每月通过专用账户发放。住建部门介绍，该项目实名制考勤和工资支付台账齐全，网传情况不属实。`]),
  t(POLICE, (s) => [`网传“${s.town}讨薪工人被打”图片系旧图`,
    `${s.date}起，一组配文“${s.town}${s.smallN}名讨薪工人被老板打伤”的图片在微信群传播。经县公安局核查，图片为${s.year}年外省一起纠纷现场照片，被人恶意拼接配文，我县近期未发生此类事件。请勿转发未经证实的信息。`]),
  t(NEWS, (s) => [`关于${s.town}某工地欠薪传言的说明`,
    `近日有群众反映，听说${s.town}${s.village}附近的${s.site}包工头已跑路、工资发不出。经${s.town}劳动保障所会同项目部核查，该项目劳务费已按节点支付，负责人在岗并出示了工资发放凭证。传言系误传，请以官方发布为准。`]),
];

// biome-ignore format: see NET
const payTalk: readonly Template[] = [
  t(NET, (s) => [`今年工资涨了${s.raise}元，开心`,
    `单位今天发通知，从下个月起每个人工资涨${s.raise}元，我们${s.here}上下都在群里发红包庆祝。在${s.town}干了三年了，第一次涨这么多，晚上约了同事去吃${s.food}，给自己放个假！`]),
  t(NET, (s) => [`${s.shopCompany}招聘${s.shopJob}，月薪${s.salary}元起`,
    `${s.shopCompany}因业务扩大，现招聘${s.shopJob}${s.smallN}名，要求18-50周岁，身体健康。月薪${s.salary}元起，包吃包住，缴纳五险，工资每月10号准时发放，绝不拖欠。工作地点：${s.town}。有意者电话联系${s.phone}。`]),
  t(NET, (s) => [`发工资了！${s.salary}块一分不少`,
    `今天发工资了，${s.salary}块一分不少，第一件事就是给家里转了两千。在${s.town}上班虽然辛苦，但老板每个月都准时发，同事也好相处。晚上下班去买点${s.food}犒劳一下自己。`]),
  t(NET, (s) => [`${s.town}房东说我拖欠房租，原来是误会`,
    `我在${s.town}${s.village}租的房子，昨天房东突然打电话，说我拖欠了${s.smallN % 3 + 2}个月房租，把我吓一跳。翻了翻转账记录，原来是他换了收款码，钱转到他老婆那去了。工资刚到账就被催款，还好是误会，顺便把下个季度的也交了。`]),
  t(NET, (s) => [`${s.village}这边小区拖欠物业费怎么解决？`,
    `我们${s.town}${s.village}这边的小区不少业主拖欠物业费，物业说收不上钱，明年要减少保洁次数；业主又说服务差才不交。我一个月工资就${s.salary}，物业费不算贵，但电梯坏了半个月没人修。这种死循环有没有好办法？`]),
  t(NET, (s) => [`客户拖欠货款${s.total}，该走什么程序？`,
    `我们是${s.town}一家做${s.product}的小厂，有个客户拖欠货款${s.total}快一年了，对方是正常经营的公司，就是一直拖着不付。工人工资我们每个月都照常发，但资金压力确实大。想问下走诉讼还是先发律师函？`]),
  t(NET, (s) => [`${s.town}这边月薪${s.salary}算什么水平？`,
    `刚从外地回来，在${s.town}找了份${s.shopJob}的工作，月薪${s.salary}，五险都有，做六休一。问了几个同学，有的说在县里算不错了，有的说太低。大家觉得咱们县里工资一般在什么水平？`]),
  t(NET, (s) => [`年终奖到账了，比去年多了${s.raise}元`,
    `单位今天把年终奖发了，比去年多了${s.raise}，加上这个月工资一共${s.salary + 3000}多。在${s.town}${s.shop}干了四年，老板人实在，从来没拖欠过一分钱。今年准备给孩子报个${s.course}班。`]),
  t(NEWS, (s) => [`最低工资标准上调至每月${s.minWage}元`,
    `记者从县人社局获悉，自${s.date}起，我省最低工资标准上调，我县月最低工资标准调整为${s.minWage}元，非全日制用工小时最低工资同步调整。用人单位支付的工资不得低于当地最低工资标准，加班费、社保等不计入其中。`]),
  t(NET, (s) => [`${s.town}${s.shop}招${s.shopJob}，月薪${s.salary}包吃住`,
    `${s.town}${s.shop}招${s.shopJob}${s.smallN % 4 + 2}名，月薪${s.salary}，包吃住，月休四天，工资每月15号发。有经验优先，新手可以带。工作环境好，老员工多，踏实肯干的来。电话${s.phone}，微信同号。`]),
  t(NET, (s) => [`${s.town}农商行信用卡拖欠两天，影响征信吗`,
    `这个月手头紧，${s.town}农商行的信用卡拖欠了两天没还，今天发工资马上就还上了，一共${s.salary}多块的账单。想问下逾期两天会不会上征信？以后买房贷款有没有影响？懂的朋友说说。`]),
  t(NET, (s) => [`在${s.town}做${s.shopJob}，工资够花吗`,
    `问一下在${s.town}做${s.shopJob}的朋友，现在一个月到手大概多少？我这边朋友介绍的${s.shopCompany}给${s.salary}，不知道算高还是低。主要是想离家近一点，能照顾孩子，工资少点也能接受。`]),
  t(NET, (s) => [`求推荐${s.town}附近的兼职，日结工资的`,
    `孩子上学后白天有空，想在${s.town}附近找个兼职，时间灵活点，日结或周结工资都行。之前在${s.shop}做过${s.shopJob}，能吃苦。有招人的老板可以联系我，不靠谱的中介勿扰。`]),
  t(NET, (s) => [`工资条上应发${s.salary}，实发怎么少了这么多`,
    `这个月工资条上应发${s.salary}，实发少了八百多，问了财务才知道是社保和公积金的个人部分。在${s.town}${s.shopCompany}上班第一年，之前一直以为扣错了，现在明白了，分享给同样刚工作的朋友。`]),
  t(NET, (s) => [`${s.town}${s.shop}今年发了13薪，羡慕吗`,
    `听${s.town}${s.shop}上班的表妹说，他们今年效益好，年底多发一个月工资，人均到手${s.salary}多，还发了米和油。她说老板这几年从没拖欠过工资，员工流动也少。我们单位啥都没有，只能羡慕一下。`]),
];

// biome-ignore format: see NET
const unrelated: readonly Template[] = [
  t(NET, (s) => [`${s.town}今天下雪了，出门注意防滑`,
    `一觉醒来${s.town}下雪了，${s.village}的屋顶全白了，气温零下${s.temp}度。出门的朋友注意防滑，骑电动车的慢一点。孩子们已经在楼下堆雪人了，好久没见过这么大的雪。`]),
  t(NEWS, (s) => [`${s.road}${s.town}段施工，车辆请绕行`,
    `${s.date}起，${s.road}${s.town}段进行路面维修，预计持续${s.smallN}天，施工期间实行半幅通行。前往${s.town}方向的车辆请提前绕行，注意施工标志，服从现场交警指挥。`]),
  t(NET, (s) => [`${s.town}这家${s.food}太好吃了`,
    `周末去${s.town}${s.village}那边玩，路边发现一家${s.food}，老板是本地人，做法很地道，一份才二十多块，分量很足。吃完又打包了一份带回家。喜欢吃${s.food}的朋友可以去试试。`]),
  t(NEWS, (s) => [`${s.school}举行冬季趣味运动会`,
    `${s.date}，${s.school}举行冬季趣味运动会，跳绳、拔河、接力跑等项目轮番上演，全校${s.bigN}名师生参与。校长介绍，学校每天保证学生一小时体育活动时间，冬季也不例外。`]),
  t(NEWS, (s) => [`${s.town}${s.festival}开幕`,
    `${s.date}，${s.town}${s.festival}开幕，现场有特色农产品展销、非遗表演和美食摊位，吸引了不少周边游客。${s.village}的种植户说，当天就卖出去两千多斤。活动将持续到周末。`]),
  t(NET, (s) => [`在${s.town}${s.road}捡到一个钱包`,
    `今天下午在${s.town}${s.road}公交站附近捡到一个黑色钱包，里面有身份证和银行卡，失主姓${s.surname}。已经交给附近派出所了，失主看到请尽快去领。帮忙扩散一下，谢谢大家。`]),
  t(NET, (s) => [`谁家的小狗走丢了？在${s.village}附近`,
    `${s.town}${s.village}附近有只黄白相间的小狗转了一上午，戴着红色项圈，很亲人，看样子是走丢了。我先给它喂了点火腿肠，主人看到赶紧来领，电话${s.phone}。`]),
  t(NEWS, (s) => [`${s.town}部分区域${s.date}停电通知`,
    `因线路检修，${s.date}8:00至18:00，${s.town}${s.village}及周边部分区域将暂停供电，届时请居民提前做好准备。如遇雨雪天气，检修时间顺延。给您带来不便，敬请谅解。`]),
  t(NEWS, (s) => [`${s.town}卫生院开展冬季免费义诊`,
    `${s.date}上午，县医院专家团队来到${s.town}卫生院开展义诊活动，为群众免费测血压、血糖，讲解冬季心脑血管疾病预防知识，共接诊${s.bigN % 200 + 80}人次。${s.village}的老人说，在家门口就能看专家，很方便。`]),
  t(NET, (s) => [`${s.town}有没有靠谱的${s.course}班推荐`,
    `孩子在${s.school}上学，想在${s.town}给她报个${s.course}班，周末上课的那种。问了两家，一家学费贵，一家离家太远。有没有家长推荐一下，老师耐心一点就行，谢谢各位。`]),
  t(NET, (s) => [`${s.town}哪里有靠谱的修电动车的？`,
    `电动车骑到${s.town}${s.road}附近突然没电了，推了半天，充了一晚上也充不进去，估计是电池或者充电器坏了。${s.town}有没有靠谱的修车铺推荐，别一上来就让换电池的那种，谢谢。`]),
  t(NET, (s) => [`${s.village}家家户户开始晒腊肉了`,
    `这两天去${s.town}${s.village}，看到家家户户院子里都挂起了腊肉、香肠，年味一下子就出来了。${s.temp}度的太阳晒着正好，老人说再晒半个月就能吃。在外地的朋友看到是不是想家了？`]),
];

export const TEMPLATES: Readonly<Record<DemoPostKind, readonly Template[]>> = {
  complaint,
  mass_gathering: massGathering,
  extreme,
  criminal,
  resolved,
  policy,
  rumor,
  pay_talk: payTalk,
  unrelated,
};
